#!/usr/bin/env bash
# Compiles and lints the Bicep stamp (infra/) with the Bicep CLI from the NuGet package
# Azure.Bicep.CommandLine.linux-x64 (restored through eng/tools/BicepCli.csproj, version pinned there).
#   - bicep build        infra/main.bicep and every infra/modules/*.bicep
#   - bicep build-params every infra/params/*.bicepparam
#   - bicep lint         every .bicep file (rules in infra/bicepconfig.json)
# Compiled ARM JSON goes to artifacts/infra/ (gitignored). Fails on any error *or warning*.
# With --print-path it only restores the CLI and prints its path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

tool_project="eng/tools/BicepCli.csproj"
package_id="azure.bicep.commandline.linux-x64"
version="$(sed -n 's/.*Include="Azure.Bicep.CommandLine.linux-x64" Version="\[\([^]]*\)\]".*/\1/p' "$tool_project")"
[ -n "$version" ] || { echo "error: cannot read the Bicep CLI version from $tool_project" >&2; exit 1; }

locate_bicep() {
  local packages
  packages="${NUGET_PACKAGES:-$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')}"
  echo "${packages%/}/$package_id/$version/tools/bicep"
}

bicep="${BICEP_PATH:-$(locate_bicep)}"
if [ ! -f "$bicep" ]; then
  echo "Restoring the Bicep CLI $version ($tool_project)"
  dotnet restore "$tool_project" --nologo -v quiet
  bicep="$(locate_bicep)"
fi
[ -f "$bicep" ] || { echo "error: the Bicep CLI was not found at $bicep after restore" >&2; exit 1; }
[ -x "$bicep" ] || chmod +x "$bicep"
if [ "${1:-}" = "--print-path" ]; then echo "$bicep"; exit 0; fi

out="artifacts/infra"
rm -rf "$out"
mkdir -p "$out"

problems=0
# Runs one Bicep command; fails it when the CLI fails or reports any diagnostic (warnings included).
run() {
  local label="$1"; shift
  local log
  if ! log="$("$bicep" "$@" 2>&1)"; then
    echo "FAILED: $label"; echo "$log"; problems=$((problems + 1)); return
  fi
  if grep -Eq '(: (Warning|Error) )|\b(Warning|Error) BCP' <<<"$log"; then
    echo "FAILED (diagnostics): $label"; echo "$log"; problems=$((problems + 1)); return
  fi
  echo "ok: $label"
}

"$bicep" --version
shopt -s nullglob
templates=(infra/*.bicep infra/modules/*.bicep)
params=(infra/*.bicepparam infra/params/*.bicepparam)
[ ${#templates[@]} -gt 0 ] || { echo "error: no .bicep file under infra/" >&2; exit 1; }
[ ${#params[@]} -gt 0 ] || { echo "error: no .bicepparam file under infra/" >&2; exit 1; }
# One CLI start per step (each start costs ~1.5 s); --outdir keeps infra/'s folder layout under $out.
run "lint ${#templates[@]} templates" lint --pattern 'infra/**/*.bicep'
run "lint ${#params[@]} parameter files" lint --pattern 'infra/**/*.bicepparam'
run "build ${#templates[@]} templates" build --pattern 'infra/**/*.bicep' --outdir "$out"
run "build-params ${#params[@]} parameter files" build-params --pattern 'infra/**/*.bicepparam' --outdir "$out"
for file in "${templates[@]}" "${params[@]}"; do
  compiled="$out/${file#infra/}"; compiled="${compiled%.bicep}"; compiled="${compiled%.bicepparam}.json"
  [ -f "$compiled" ] || { echo "FAILED: $file produced no $compiled"; problems=$((problems + 1)); }
done

if [ "$problems" -ne 0 ]; then
  echo "error: $problems Bicep command(s) failed or reported warnings" >&2
  exit 1
fi
echo "Bicep: templates and parameter files compiled and linted without a warning; ARM JSON in $out/"
