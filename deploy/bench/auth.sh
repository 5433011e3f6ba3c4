# Sourced by the benchmark scripts: authentication stays on, as in production. A signing key made for this run is
# trusted by the silos for every role and used by the load generator; per-caller limits are lifted so that the
# platform, not the throttle, is measured.
dotnet build src/LingHuo.Cli -c Release -nologo -v quiet >/dev/null
bench_keys=$(mktemp -d)
dotnet src/LingHuo.Cli/bin/Release/net10.0/linghuo.dll keygen --out "$bench_keys/bench" >/dev/null
export LINGHUO_SIGNING_KEY_FILE="$bench_keys/bench.key"
export LingHuo__Auth__Issuers__0__Issuer=linghuo-dev
export LingHuo__Auth__Issuers__0__Roles__0=Applicant LingHuo__Auth__Issuers__0__Roles__1=Clerk
export LingHuo__Auth__Issuers__0__Roles__2=Department LingHuo__Auth__Issuers__0__Roles__3=Operator
export LingHuo__Auth__Issuers__0__Keys__0__Id=dev
export LingHuo__Auth__Issuers__0__Keys__0__PublicKeyFile="$bench_keys/bench.pub"
export LingHuo__Limits__CallsPerSecond__Applicant=1000000 LingHuo__Limits__CallsPerSecond__Clerk=1000000
export LingHuo__Limits__CallsPerSecond__Department=1000000 LingHuo__Limits__CallsPerSecond__Operator=1000000
