#!/usr/bin/env bash
# Makes the local secrets Agentry runs with, once, into .agentry/ at the repository root (ignored
# by git, never committed):
#   .agentry/keys/private.pem   RSA 2048, PKCS#8 PEM: config-service signs tokens with it
#   .agentry/keys/public.pem    its public half (the same key is served as a JWKS at /v1/auth/jwks)
#   .agentry/env                AGENTRY_API_KEY_PEPPER=<random>: the HMAC pepper of API key hashes
#                               AGENTRY_SECRETS_MASTER_KEY=<base64 of 32 random bytes>: the AES-256-GCM
#                               key of secrets at rest (tenant LLM API keys, MCP secrets)
# A file or line that exists is never regenerated: a new key pair would invalidate issued tokens, a
# new pepper every API key, a new master key every stored secret. Secrets are mode 600. Safe to
# run any number of times.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DIR="$ROOT/.agentry"
log() { printf '[keys] %s\n' "$*"; }

command -v openssl >/dev/null 2>&1 || { log "openssl is missing (apt-get install openssl)"; exit 1; }

umask 077
mkdir -p "$DIR/keys"
chmod 700 "$DIR" "$DIR/keys"

if [ ! -s "$DIR/keys/private.pem" ]; then
  log "generating the token signing key pair (RSA 2048) in .agentry/keys/"
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$DIR/keys/private.pem.tmp" 2>/dev/null
  mv "$DIR/keys/private.pem.tmp" "$DIR/keys/private.pem"
  rm -f "$DIR/keys/public.pem"   # a public key from another private key would be wrong
fi
chmod 600 "$DIR/keys/private.pem"

if [ ! -s "$DIR/keys/public.pem" ]; then
  openssl pkey -in "$DIR/keys/private.pem" -pubout -out "$DIR/keys/public.pem.tmp"
  mv "$DIR/keys/public.pem.tmp" "$DIR/keys/public.pem"
fi
chmod 644 "$DIR/keys/public.pem"

[ -e "$DIR/env" ] || : > "$DIR/env"
chmod 600 "$DIR/env"
if ! grep -q '^AGENTRY_API_KEY_PEPPER=.\{32,\}' "$DIR/env"; then
  if grep -q '^AGENTRY_API_KEY_PEPPER=' "$DIR/env"; then
    log "AGENTRY_API_KEY_PEPPER in .agentry/env is shorter than 32 characters; left as it is"
  else
    log "generating the API key pepper into .agentry/env"
    # 48 random bytes, base64 without the characters a shell or URL would trip on: 64 chars.
    pepper=$(openssl rand -base64 48 | tr -d '\n=+/' | cut -c1-48)
    printf 'AGENTRY_API_KEY_PEPPER=%s\n' "$pepper" >> "$DIR/env"
  fi
fi
if ! grep -q '^AGENTRY_SECRETS_MASTER_KEY=' "$DIR/env"; then
  log "generating the secrets master key into .agentry/env"
  printf 'AGENTRY_SECRETS_MASTER_KEY=%s\n' "$(openssl rand -base64 32 | tr -d '\n')" >> "$DIR/env"
fi
log "keys, pepper and master key are in $DIR"
