import type { Metadata } from "next";
import { NewCaseForm } from "@/components/cases/new-case-form";

export const metadata: Metadata = { title: "New case" };

export default function NewCasePage() {
  return (
    <div className="panel">
      <h1>New case</h1>
      <p className="muted">You become the case lead. Every time in a case is shown in UTC.</p>
      <NewCaseForm />
    </div>
  );
}
