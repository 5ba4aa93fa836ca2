/**
 * The MITRE ATT&CK (Enterprise, cloud) techniques our rules map to, with their tactics, so findings can
 * be grouped by tactic and the report can name them. Sigma rules bring their own `attack.<tactic>` tags;
 * a technique not listed here still shows by id.
 */
export const ATTACK_TACTICS = [
  { id: "TA0001", slug: "initial-access", name: "Initial Access" },
  { id: "TA0002", slug: "execution", name: "Execution" },
  { id: "TA0003", slug: "persistence", name: "Persistence" },
  { id: "TA0004", slug: "privilege-escalation", name: "Privilege Escalation" },
  { id: "TA0005", slug: "defense-evasion", name: "Defense Evasion" },
  { id: "TA0006", slug: "credential-access", name: "Credential Access" },
  { id: "TA0007", slug: "discovery", name: "Discovery" },
  { id: "TA0008", slug: "lateral-movement", name: "Lateral Movement" },
  { id: "TA0009", slug: "collection", name: "Collection" },
  { id: "TA0010", slug: "exfiltration", name: "Exfiltration" },
  { id: "TA0040", slug: "impact", name: "Impact" },
  { id: "TA0042", slug: "resource-development", name: "Resource Development" },
] as const;
export type AttackTacticSlug = (typeof ATTACK_TACTICS)[number]["slug"];

type Technique = { name: string; tactics: readonly AttackTacticSlug[] };

export const ATTACK_TECHNIQUES: Readonly<Record<string, Technique>> = {
  T1020: { name: "Automated Exfiltration", tactics: ["exfiltration"] },
  T1021: { name: "Remote Services", tactics: ["lateral-movement"] },
  T1059: { name: "Command and Scripting Interpreter", tactics: ["execution"] },
  T1069: { name: "Permission Groups Discovery", tactics: ["discovery"] },
  "T1069.003": { name: "Permission Groups Discovery: Cloud Groups", tactics: ["discovery"] },
  T1078: { name: "Valid Accounts", tactics: ["defense-evasion", "persistence", "privilege-escalation", "initial-access"] },
  "T1078.004": { name: "Valid Accounts: Cloud Accounts", tactics: ["defense-evasion", "persistence", "privilege-escalation", "initial-access"] },
  T1087: { name: "Account Discovery", tactics: ["discovery"] },
  "T1087.004": { name: "Account Discovery: Cloud Account", tactics: ["discovery"] },
  T1098: { name: "Account Manipulation", tactics: ["persistence", "privilege-escalation"] },
  "T1098.001": { name: "Account Manipulation: Additional Cloud Credentials", tactics: ["persistence", "privilege-escalation"] },
  "T1098.003": { name: "Account Manipulation: Additional Cloud Roles", tactics: ["persistence", "privilege-escalation"] },
  T1110: { name: "Brute Force", tactics: ["credential-access"] },
  T1136: { name: "Create Account", tactics: ["persistence"] },
  "T1136.003": { name: "Create Account: Cloud Account", tactics: ["persistence"] },
  T1190: { name: "Exploit Public-Facing Application", tactics: ["initial-access"] },
  T1484: { name: "Domain or Tenant Policy Modification", tactics: ["defense-evasion", "privilege-escalation"] },
  "T1484.002": { name: "Domain or Tenant Policy Modification: Trust Modification", tactics: ["defense-evasion", "privilege-escalation"] },
  T1485: { name: "Data Destruction", tactics: ["impact"] },
  T1486: { name: "Data Encrypted for Impact", tactics: ["impact"] },
  T1490: { name: "Inhibit System Recovery", tactics: ["impact"] },
  T1496: { name: "Resource Hijacking", tactics: ["impact"] },
  T1526: { name: "Cloud Service Discovery", tactics: ["discovery"] },
  T1528: { name: "Steal Application Access Token", tactics: ["credential-access"] },
  T1530: { name: "Data from Cloud Storage", tactics: ["collection"] },
  T1531: { name: "Account Access Removal", tactics: ["impact"] },
  T1537: { name: "Transfer Data to Cloud Account", tactics: ["exfiltration"] },
  T1548: { name: "Abuse Elevation Control Mechanism", tactics: ["privilege-escalation", "defense-evasion"] },
  T1550: { name: "Use Alternate Authentication Material", tactics: ["defense-evasion", "lateral-movement"] },
  "T1550.001": { name: "Use Alternate Authentication Material: Application Access Token", tactics: ["defense-evasion", "lateral-movement"] },
  T1552: { name: "Unsecured Credentials", tactics: ["credential-access"] },
  "T1552.005": { name: "Unsecured Credentials: Cloud Instance Metadata API", tactics: ["credential-access"] },
  T1555: { name: "Credentials from Password Stores", tactics: ["credential-access"] },
  "T1555.006": { name: "Credentials from Password Stores: Cloud Secrets Management Stores", tactics: ["credential-access"] },
  T1556: { name: "Modify Authentication Process", tactics: ["credential-access", "defense-evasion", "persistence"] },
  T1562: { name: "Impair Defenses", tactics: ["defense-evasion"] },
  "T1562.001": { name: "Impair Defenses: Disable or Modify Tools", tactics: ["defense-evasion"] },
  "T1562.007": { name: "Impair Defenses: Disable or Modify Cloud Firewall", tactics: ["defense-evasion"] },
  "T1562.008": { name: "Impair Defenses: Disable or Modify Cloud Logs", tactics: ["defense-evasion"] },
  T1578: { name: "Modify Cloud Compute Infrastructure", tactics: ["defense-evasion"] },
  "T1578.002": { name: "Modify Cloud Compute Infrastructure: Create Cloud Instance", tactics: ["defense-evasion"] },
  T1580: { name: "Cloud Infrastructure Discovery", tactics: ["discovery"] },
  T1619: { name: "Cloud Storage Object Discovery", tactics: ["discovery"] },
  T1648: { name: "Serverless Execution", tactics: ["execution"] },
  T1651: { name: "Cloud Administration Command", tactics: ["execution"] },
};

/** Tactics of a technique id (a sub-technique falls back to its parent), else []. */
export function tacticsOf(technique: string): readonly AttackTacticSlug[] {
  const id = technique.toUpperCase();
  return ATTACK_TECHNIQUES[id]?.tactics ?? ATTACK_TECHNIQUES[id.split(".")[0]!]?.tactics ?? [];
}
