#!/usr/bin/env bash
# Publishes the Function App as the zip package that Flex Consumption deploys:
#   dotnet publish src/ScimFunctions.FunctionApp -c Release -r linux-x64 --self-contained false
# (ReadyToRun: the project precompiles for the runtime it is published for, see its PublishReadyToRun)
# (Flex Consumption runs Linux; the isolated worker is started with the platform's `dotnet`, see worker.config.json)
# and zips the publish folder's contents at the archive root, the layout
# `az functionapp deployment source config-zip --src <zip>` takes. local.settings.json is never published.
# Output: artifacts/publish/functionapp/ (folder) and artifacts/publish/functionapp.zip; the zip path is printed last.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v zip >/dev/null || { echo "error: zip is required (apt-get install zip)" >&2; exit 1; }

out="artifacts/publish/functionapp"
package="artifacts/publish/functionapp.zip"
rm -rf "$out" "$package"
dotnet publish src/ScimFunctions.FunctionApp/ScimFunctions.FunctionApp.csproj \
  --configuration Release --runtime linux-x64 --self-contained false \
  --output "$out" --nologo -v quiet -clp:ErrorsOnly
[ ! -e "$out/local.settings.json" ] || { echo "error: local.settings.json was published ($out)" >&2; exit 1; }
# .azurefunctions/ (the host's extension loader) is a dot folder: zip takes it with the rest.
(cd "$out" && zip -qr -X "$root/$package" .)
echo "$package"
