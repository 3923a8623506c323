#!/usr/bin/env python3
"""Line coverage per project from every cobertura report of a test run.

Each test assembly writes its own report, and one project (Deals.Domain, say) is exercised by
several of them: a line counts as covered when any run covered it. Prints one row per project and
marks Domain and Application projects under the target.

Usage: coverage.py <results-dir> [target-percent]
"""
import glob
import os
import sys
import xml.etree.ElementTree as ET

results = sys.argv[1]
target = float(sys.argv[2]) if len(sys.argv) > 2 else 85.0
lines = {}  # project -> {(file, line): covered}
for report in glob.glob(os.path.join(results, "**", "coverage.cobertura.xml"), recursive=True):
    for package in ET.parse(report).getroot().iter("package"):
        project = lines.setdefault(package.get("name"), {})
        for cls in package.iter("class"):
            filename = cls.get("filename")
            for line in cls.iter("line"):
                key = (filename, line.get("number"))
                project[key] = project.get(key, False) or int(line.get("hits", "0")) > 0

if not lines:
    print("coverage: no cobertura reports found")
    sys.exit(0)

print(f"{'project':<32} {'lines':>13} {'covered':>8}")
below = []
for name in sorted(lines):
    total = len(lines[name])
    if total == 0:
        continue
    covered = sum(lines[name].values())
    percent = 100.0 * covered / total
    gated = name.endswith(".Domain") or name.endswith(".Application")
    mark = "  < target" if gated and percent < target else ""
    print(f"{name:<32} {covered:>6}/{total:<6} {percent:>7.1f}%{mark}")
    if mark:
        below.append(name)
if below:
    print(f"coverage: {len(below)} Domain/Application project(s) below {target:.0f}%: {', '.join(below)}")
