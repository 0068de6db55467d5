#!/usr/bin/env bash
# Lighthouse performance and accessibility, mobile with simulated slow 4G, in Debian's Chromium,
# for the home page, a news page and a book page of a running site (`make run` + `make site`).
# `make lighthouse`; reports in var/lighthouse/. (`make e2e` runs the same on its own servers,
# for `make budgets`.) Uses the pinned lighthouse of node_modules (`make client`).
set -euo pipefail
SITE_URL="${SITE_URL:-http://127.0.0.1:3000}"
OUT="$(cd "$(dirname "$0")/../.." && pwd)/var/lighthouse"
mkdir -p "$OUT"
export CHROME_PATH="${CHROMIUM:-/usr/bin/chromium}"
news=$(curl -sf "$SITE_URL/berita" | grep -o 'href="/berita/[^"]*"' | head -1 | cut -d'"' -f2)
book=$(curl -sf "$SITE_URL/katalog?q=Ternate" | grep -o 'href="/katalog/buku/[^"]*"' | head -1 | cut -d'"' -f2)
for pair in "home:/" "news-detail:$news" "book-detail:$book"; do
  name="${pair%%:*}"
  path="${pair#*:}"
  npx --no-install lighthouse "$SITE_URL$path" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-dev-shm-usage" \
    --only-categories=performance,accessibility --form-factor=mobile \
    --throttling-method=simulate --output=json --output-path="$OUT/$name.json"
  node -e '
    const r = require(process.argv[1]);
    const a = r.audits;
    console.log(process.argv[2].padEnd(12),
      "performance", Math.round(r.categories.performance.score * 100),
      "accessibility", Math.round(r.categories.accessibility.score * 100),
      "FCP", a["first-contentful-paint"].displayValue,
      "LCP", a["largest-contentful-paint"].displayValue,
      "TBT", a["total-blocking-time"].displayValue,
      "CLS", a["cumulative-layout-shift"].displayValue,
      "bytes", a["total-byte-weight"].displayValue);
  ' "$OUT/$name.json" "$name"
done
