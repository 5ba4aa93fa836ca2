/**
 * One key per trail, whether a call names it by ARN (`arn:aws:cloudtrail:<region>:<account>:trail/<name>`)
 * or by bare name: `<account>/<name>`, the account from the ARN, else the event's recipient account.
 * Null when there is no name.
 */
export function trailKey(nameOrArn: string | null, recipientAccountId: string | null): string | null {
  if (nameOrArn === null || nameOrArn === "") return null;
  const arn = /^arn:aws[a-z-]*:cloudtrail:[^:]*:(\d*):trail\/(.+)$/.exec(nameOrArn);
  if (arn) return `${arn[1]}/${arn[2]}`;
  return `${recipientAccountId ?? ""}/${nameOrArn}`;
}
