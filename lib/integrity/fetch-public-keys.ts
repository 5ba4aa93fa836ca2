import { CloudTrailClient, ListPublicKeysCommand } from "@aws-sdk/client-cloudtrail";
import { unsafeAddCloudTrailPublicKey } from "@/lib/integrity/add-public-key";

/**
 * Fetches CloudTrail's digest-signing public keys for a region and time range (ListPublicKeys, through
 * the standard AWS credential chain unless credentials are given) and stores them. Each key's
 * fingerprint is recomputed from its bytes, and one that disagrees with CloudTrail's is refused.
 */
export async function unsafeFetchCloudTrailPublicKeys(opts: {
  region: string;
  start: Date;
  end: Date;
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}): Promise<{ stored: string[]; refused: { fingerprint: string; reason: string }[] }> {
  const client = new CloudTrailClient({ region: opts.region, ...(opts.endpoint ? { endpoint: opts.endpoint } : {}), ...(opts.credentials ? { credentials: opts.credentials } : {}) });
  const stored: string[] = [];
  const refused: { fingerprint: string; reason: string }[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListPublicKeysCommand({ StartTime: opts.start, EndTime: opts.end, NextToken: token }));
    for (const key of page.PublicKeyList ?? []) {
      if (!key.Value) continue;
      try {
        const { fingerprint } = await unsafeAddCloudTrailPublicKey({
          bytes: Buffer.from(key.Value),
          source: `list-public-keys:${opts.region}`,
          validFrom: key.ValidityStartTime ?? null,
          validTo: key.ValidityEndTime ?? null,
        });
        if (key.Fingerprint && key.Fingerprint.toLowerCase() !== fingerprint) refused.push({ fingerprint: key.Fingerprint, reason: `CloudTrail names it ${key.Fingerprint}, its bytes hash to ${fingerprint}` });
        else stored.push(fingerprint);
      } catch (err) {
        refused.push({ fingerprint: key.Fingerprint ?? "(none)", reason: (err as Error).message });
      }
    }
    token = page.NextToken;
  } while (token);
  client.destroy();
  return { stored, refused };
}
