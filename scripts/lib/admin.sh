# Sourced by the scripts that call the admin API: admin_token BASE signs the first admin in
# (admin@localhost, with SWITCHBOARD_ADMIN_PASSWORD) and prints the bearer token.
admin_token() {
  curl -sf -X POST "$1/api/v1/auth/token" -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@localhost\",\"password\":\"$SWITCHBOARD_ADMIN_PASSWORD\"}" \
    | sed 's/.*"access_token":"\([^"]*\)".*/\1/'
}
