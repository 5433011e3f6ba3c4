#!/usr/bin/env bash
# Runs LingHuo.Orleans on this machine with no prior set-up: a PostgreSQL cluster of its own under .data/pg on a
# loopback port (installed from the OS packages if missing), the schema migrations, and one silo serving gRPC.
#   ./run.sh            PostgreSQL storage (data kept in .data/ between runs)
#   ./run.sh --memory   everything in memory, nothing kept
#   ./run.sh --demo     also three simulated departments (人社, 医保, 税务) and a few sample applications followed to closure
#   ./run.sh --silos 3  three silos on the same PostgreSQL, each serving gRPC on its own port (5080, 5081, 5082)
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")"

mode=postgres
demo=""
silos=1
while [ $# -gt 0 ]; do
  case "$1" in
    --memory) mode=memory ;;
    --demo) demo=yes ;;
    --silos)
      silos="${2:-}"; shift
      [[ "$silos" =~ ^[1-9]$ ]] || { echo "--silos takes a number from 1 to 9" >&2; exit 2; } ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ "$mode" = memory ] && [ "$silos" -gt 1 ]; then
  echo "--memory runs one silo only (its membership is not shared)." >&2
  exit 2
fi

export LINGHUO_PG_PORT="${LINGHUO_PG_PORT:-55432}"
database=linghuo
silo_dll=src/LingHuo.Silo/bin/Release/net10.0/LingHuo.Silo.dll

mkdir -p .data
# The applicant-key secret is made once per checkout and kept: a new one would orphan every stored applicant.
if [ ! -s .data/applicant-key.secret ]; then
  head -c 32 /dev/urandom | base64 > .data/applicant-key.secret
  chmod 600 .data/applicant-key.secret
fi
export LingHuo__Applicants__KeySecret="$(cat .data/applicant-key.secret)"

# Documents are sealed with a key of their own (kept: a new one would make every issued document read as altered) and
# set in WenQuanYi Micro Hei, from the OS packages if missing (in memory mode nothing is issued).
if [ ! -s .data/document-key.secret ]; then
  head -c 32 /dev/urandom | base64 > .data/document-key.secret
  chmod 600 .data/document-key.secret
fi
export LingHuo__Documents__Keys__0__Id=local-1
export LingHuo__Documents__Keys__0__Secret="$(cat .data/document-key.secret)"
export LingHuo__Documents__Offices__530102="昆明市五华区政务服务中心"
if [ "$mode" = postgres ] && [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
  echo "Installing fonts-wqy-microhei (the documents' font) from the OS packages..." >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq fonts-wqy-microhei >/dev/null
fi

dotnet build src/LingHuo.Silo -c Release -nologo -v quiet
dotnet build src/LingHuo.Cli -c Release -nologo -v quiet
dotnet build src/LingHuo.Console -c Release -nologo -v quiet
linghuo=(dotnet src/LingHuo.Cli/bin/Release/net10.0/linghuo.dll)

# Every RPC needs a bearer token. A development signing key is made once per checkout; the gateway trusts its public
# half for every role, and `linghuo token` signs tokens with the private half.
"${linghuo[@]}" keygen --out .data/dev-signing >/dev/null
export LingHuo__Auth__Issuers__0__Issuer=linghuo-dev
export LingHuo__Auth__Issuers__0__Roles__0=Applicant LingHuo__Auth__Issuers__0__Roles__1=Clerk
export LingHuo__Auth__Issuers__0__Roles__2=Department LingHuo__Auth__Issuers__0__Roles__3=Operator
export LingHuo__Auth__Issuers__0__Keys__0__Id=dev
export LingHuo__Auth__Issuers__0__Keys__0__PublicKeyFile="$PWD/.data/dev-signing.pub"

started_pg=""
silo_pids=()
simulator_pids=()
console_pid=""
stop_all() {
  trap - INT TERM EXIT
  for pid in "${simulator_pids[@]}" $console_pid "${silo_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${silo_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$started_pg" ]; then
    deploy/local/postgres.sh stop
    echo "PostgreSQL stopped."
  fi
}
trap stop_all INT TERM EXIT

if [ "$mode" = postgres ]; then
  if ! deploy/local/postgres.sh status; then
    deploy/local/postgres.sh start
    started_pg=yes
  fi
  deploy/local/postgres.sh createdb "$database"
  export LingHuo__Storage__Provider=PostgreSQL
  export LingHuo__Storage__ConnectionString="Host=127.0.0.1;Port=${LINGHUO_PG_PORT};Username=postgres;Database=${database}"
  dotnet "$silo_dll" migrate
  echo "PostgreSQL: 127.0.0.1:${LINGHUO_PG_PORT}, database ${database} (data in .data/pg)"
else
  export LingHuo__Storage__Provider=Memory
  echo "Storage: in memory (nothing is kept)"
fi

addresses=()
for ((i = 0; i < silos; i++)); do
  LingHuo__Cluster__SiloPort=$((11111 + i)) LingHuo__Cluster__GatewayPort=$((30000 + i)) LingHuo__Gateway__Port=$((5080 + i)) \
    LingHuo__Gateway__WebPort=$((5090 + i)) \
    LingHuo__Management__Port=$((9180 + i)) LingHuo__Management__Dashboard=true \
    dotnet "$silo_dll" &
  silo_pids+=($!)
  addresses+=("http://127.0.0.1:$((5080 + i))")
  echo "Silo $((i + 1)): 127.0.0.1:$((11111 + i)) (Orleans clients: $((30000 + i))), cluster linghuo-local (pid ${silo_pids[-1]})"
  echo "  health, metrics, dashboard: http://127.0.0.1:$((9180 + i))/health/ready  /metrics  /dashboard (paste an operator token: linghuo token --role operator)"
  echo "  REST/JSON and gRPC-Web: http://127.0.0.1:$((5090 + i))/v1/…   API reference (OpenAPI): http://127.0.0.1:$((5090 + i))/openapi"
done
# The web console (受理窗口), signing its users' tokens with the development key (its sign-in page shows only then).
(cd src/LingHuo.Console/bin/Release/net10.0 && ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS=http://127.0.0.1:5100 \
  LingHuo__Console__Gateway="${addresses[0]}" LingHuo__Console__DevelopmentKeyFile="$OLDPWD/.data/dev-signing.key" \
  LingHuo__Console__DevelopmentIssuer=linghuo-dev LingHuo__Console__DevelopmentKeyId=dev \
  LingHuo__Console__DevelopmentApplicantKeySecretFile="$OLDPWD/.data/applicant-key.secret" \
  exec dotnet LingHuo.Console.dll > "$OLDPWD/.data/console.log" 2>&1) &
console_pid=$!
echo "Console (受理窗口): http://127.0.0.1:5100   (development sign-in; log in .data/console.log)"
echo "gRPC (portals, departments, the linghuo CLI) is printed below once each silo serves, as 'gRPC: ${addresses[0]}'. Ctrl-C stops."
echo "Tokens: export LINGHUO_TOKEN=\$(dotnet src/LingHuo.Cli/bin/Release/net10.0/linghuo.dll token --role clerk --county 530102)   (or --role operator, department --kind hrss --jurisdiction 53, applicant --id …)"
all_addresses=$(IFS=,; echo "${addresses[*]}")

if [ -n "$demo" ]; then
  [ "$mode" = postgres ] || { echo "--demo needs PostgreSQL (the department feeds are read from it)." >&2; exit 2; }
  export LINGHUO_ADDRESS="$all_addresses"
  for _ in $(seq 1 120); do "${linghuo[@]}" health >/dev/null 2>&1 && break; sleep 0.5; done
  mkdir -p .data/demo
  for kind in hrss medical tax; do
    "${linghuo[@]}" simulate-department --kind "$kind" --jurisdiction 53 --delay 200ms \
      --token "$("${linghuo[@]}" token --role department --kind "$kind" --jurisdiction 53 --subject "demo-$kind")" \
      --cursor-file ".data/demo/${kind}.cursor" > ".data/demo/${kind}.log" 2>&1 &
    simulator_pids+=($!)
  done
  echo "Departments simulated (logs in .data/demo/): pids ${simulator_pids[*]}"
  "${linghuo[@]}" demo --applications 3 --token "$("${linghuo[@]}" token --role clerk --county 530102 --subject demo-clerk)"
  echo "Demo done; the platform keeps running. Ctrl-C stops everything."
fi
wait "${silo_pids[@]}"
