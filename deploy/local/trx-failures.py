#!/usr/bin/env python3
"""Lists the failed tests of every .trx file in a results directory, with the first lines of
their messages, so a CI log that keeps only its tail still names what failed."""
import glob
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def main(results_dir: str) -> int:
    failures = []
    for path in sorted(glob.glob(f"{results_dir}/*.trx")):
        try:
            root = ET.parse(path).getroot()
        except ET.ParseError as error:
            failures.append((path, f"unreadable .trx: {error}"))
            continue
        for result in root.iterfind(".//t:UnitTestResult", NS):
            if result.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
                continue
            message = result.findtext(".//t:Message", default="", namespaces=NS).strip()
            first_lines = " | ".join(message.splitlines()[:3])[:600]
            failures.append((result.get("testName", "?"), first_lines))
    for name, message in failures:
        print(f"FAILED {name}: {message}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "."))
