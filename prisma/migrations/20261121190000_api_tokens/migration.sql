-- Personal API tokens (issue #8): bearer credentials for /api/v1, acting as their user. Only the
-- SHA-256 of a token is stored: tokens are 256 random bits, so a fast hash cannot be brute-forced and
-- a slow password hash (argon2) would only add latency to every API call.
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" CHAR(64) NOT NULL,
    "scope" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "api_tokens_scope_check" CHECK ("scope" IN ('read', 'read-write')),
    CONSTRAINT "api_tokens_name_check" CHECK (char_length("name") BETWEEN 1 AND 100),
    CONSTRAINT "api_tokens_prefix_check" CHECK ("prefix" ~ '^[A-Za-z0-9_-]{8}$'),
    CONSTRAINT "api_tokens_token_hash_check" CHECK ("token_hash" ~ '^[0-9a-f]{64}$')
);
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");
CREATE INDEX "api_tokens_user_id_created_at_idx" ON "api_tokens"("user_id", "created_at" DESC);
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
