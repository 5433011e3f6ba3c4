# syntax=docker/dockerfile:1
# The web console (受理窗口, 效能监察, 申请人): a Blazor server app that calls the gateway over gRPC. From the repository root:
#   docker build -f deploy/container/console.Dockerfile -t linghuo-console .

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the files that decide it, so the layer is reused while only code changes.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY protos/ protos/
COPY src/LingHuo.Domain/LingHuo.Domain.csproj src/LingHuo.Domain/
COPY src/LingHuo.Contracts/LingHuo.Contracts.csproj src/LingHuo.Contracts/
COPY src/LingHuo.Console/LingHuo.Console.csproj src/LingHuo.Console/
RUN dotnet restore src/LingHuo.Console/LingHuo.Console.csproj
COPY src/ src/
RUN dotnet publish src/LingHuo.Console/LingHuo.Console.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# Plain HTTP inside the cluster; TLS ends at the ingress.
ENV ASPNETCORE_HTTP_PORTS=8090
EXPOSE 8090
# The image's unprivileged user (uid 1654).
USER app
ENTRYPOINT ["dotnet", "LingHuo.Console.dll"]
