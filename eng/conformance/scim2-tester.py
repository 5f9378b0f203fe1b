"""Runs python-scim's scim2-tester against a running ScimFunctions host and prints one line per check.

    pip install "scim2-tester" "scim2-client[httpx]"      # once
    python3 eng/conformance/scim2-tester.py http://localhost:7071/scim/v2/demo --token scim_demo_…

scim2-models refuses any attribute it does not know in ServiceProviderConfig, and ScimFunctions announces RFC 9865
cursor pagination there (`pagination`), so the model is told to ignore unknown attributes of that one resource (the
"SPC model tolerance"); every other model stays strict.
"""
import sys

from scim2_models import ServiceProviderConfig

ServiceProviderConfig.model_config["extra"] = "ignore"
ServiceProviderConfig.model_rebuild(force=True)

from scim2_tester.cli import cli  # noqa: E402

if __name__ == "__main__":
    sys.argv[0] = "scim2-tester"
    cli()
