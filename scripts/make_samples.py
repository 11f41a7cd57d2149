"""Regenerate the sample rounds: inputs/cn-2023/*.xlsx and inputs/tcc-222-2024/*.xlsx.

    python scripts/make_samples.py            # from the project folder

THE FIGURES ARE ILLUSTRATIVE, NOT OFFICIAL STATISTICS. Agencies' letters, signers, contacts,
projects, documents and numbers are invented (plausible for Quảng Ngãi, 2023) so that the
validation and the consolidated report can be tried end to end.

Each workbook is the agency's real blank template
(``qnreport.template.workbook.build_template``) filled through its Excel defined names and
list tables, as a person would fill it (``qnreport.template.fill``), with the content that
``scripts/samples.py`` draws from ``scripts/sample-data/``; this script only chooses the
rounds and prints what it wrote. The content is deterministic (fixed seed, no clock): a
rerun gives the same files. Only ``*.xlsx`` files an earlier run wrote (marked in their
document properties) are removed; ``round.toml`` and any other file stay untouched.

Special cases per round (details in ``scripts/sample-data/scenarios.toml``):

- cn-2023: BDT replies "Không được giao nhiệm vụ"; SKHDT resubmits (``_lan1`` is the
  earlier letter, CN02 changed); CTK's workbook has a clerk's mistakes (numbers typed as
  text, "tám phẩy năm", the date in words, a required list cell empty, a broken name);
  HTB answers after the deadline; BQLKKT and STNMT disagree on CN05.
- tcc-222-2024: BDT replies "Không được giao nhiệm vụ"; SCT's first file (``_lan1``) has
  the clerk's mistakes and was resubmitted clean; CTK resubmits (TCC11 changed); HSH
  answers after the deadline ("trước ngày 10/12" of KH 222) and after the sample report's
  date; SCT and CTK disagree on TCC01.

A workbook with an invalid value is rejected as a whole, so no conflict involves one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from samples import DEFAULT_SEED, write_round_samples

from qnreport.config.project import Project
from qnreport.config.rounds import open_round

ROUNDS = ("cn-2023", "tcc-222-2024")


def main() -> int:
    project = Project.find(Path(__file__).resolve().parent.parent)
    for round_id in ROUNDS:
        ctx = open_round(project, round_id)
        written = write_round_samples(ctx, seed=DEFAULT_SEED)
        print(f"{round_id}: {len(written)} tệp trong {ctx.round.folder}")
        for path, spec in written:
            notes = f"  ({'; '.join(spec.notes)})" if spec.notes else ""
            print(f"  {path.name}{notes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
