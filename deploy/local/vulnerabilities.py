#!/usr/bin/env python3
"""Fails on a package with a known vulnerability, unless deploy/vulnerability-exceptions.txt lists it.

Reads the JSON of `dotnet list package --vulnerable --include-transitive --format json` on stdin.
Exception lines: `<package> <version> <fixed-in or "none"> <reason...>`; '#' starts a comment.
Exit 0: nothing unlisted is vulnerable; 1: something is; 2: the sources gave no vulnerability data.
"""
import json
import sys

exceptions_file = sys.argv[1]
allowed = {}
with open(exceptions_file, encoding="utf-8") as handle:
    for raw in handle:
        line = raw.split("#", 1)[0].strip()
        if line:
            package, version, *_ = line.split()
            allowed[(package.lower(), version)] = line

try:
    report = json.load(sys.stdin)
except json.JSONDecodeError:
    # `dotnet list` failed (a registry that did not answer, a restore error): no verdict either way.
    print("vulnerabilities: no report from dotnet list package (see its output above)")
    sys.exit(2)
problems = [p.get("text", "") for p in report.get("problems", [])]
if any("vulnerab" in text.lower() for text in problems):
    print("vulnerabilities: the package sources give no vulnerability data: " + "; ".join(problems))
    sys.exit(2)

found = {}
for project in report.get("projects", []):
    for framework in project.get("frameworks", []):
        for package in framework.get("topLevelPackages", []) + framework.get("transitivePackages", []):
            for vulnerability in package.get("vulnerabilities", []):
                key = (package["id"].lower(), package["resolvedVersion"])
                found.setdefault(key, set()).add(f'{vulnerability.get("severity", "?")} {vulnerability.get("advisoryurl", "")}')

unlisted = {key: advisories for key, advisories in found.items() if key not in allowed}
for (package, version), advisories in sorted(found.items()):
    state = "listed as accepted" if (package, version) in allowed else "NOT LISTED"
    print(f"vulnerabilities: {package} {version}: {', '.join(sorted(advisories))} ({state})")
print(f"vulnerabilities: {len(found)} vulnerable package version(s), {len(unlisted)} not listed in {exceptions_file}")
sys.exit(1 if unlisted else 0)
