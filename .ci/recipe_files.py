"""Lists the CI files .ci/lint-recipes lints, and writes what it must cut
out of other files into OUT:

- GitHub workflows: .github/workflows/*, every docs/ci/*.yml but GitLab's;
- GitLab pipelines: docs/ci/*gitlab-ci*.yml and .gitlab-ci.yml;
- the ```yaml blocks of README.md and docs/**/*.md that are a workflow
  (written to OUT/md/<file>.L<line>.yml) or GitLab jobs, which their docs
  add to the GitLab recipe (written appended to it, OUT/md/<file>.L<line>.gitlab-ci.yml);
- the shell each GitLab job runs (default and own before_script, script,
  after_script), one OUT/sh/<pipeline>.<job>.sh each, for shellcheck.

Prints one `KIND<TAB>PATH` line per file (KIND: github, gitlab, sh).
Usage: python recipe_files.py OUT (run from the repository root).
"""

import glob
import os
import re
import sys

from ruamel.yaml import YAML

GITLAB_KEYWORDS = {
    "default", "include", "stages", "variables", "workflow", "image",
    "services", "cache", "before_script", "after_script", "spec",
}


def load(text, where):
    try:
        return YAML(typ="safe", pure=True).load(text)
    except Exception as error:  # a recipe that does not parse is a finding
        sys.exit(f"{where}: not YAML: {error}")


def is_workflow(doc):
    return isinstance(doc, dict) and "jobs" in doc and ("on" in doc or True in doc)


def gitlab_jobs(doc):
    if not isinstance(doc, dict):
        return {}
    return {
        name: job
        for name, job in doc.items()
        if name not in GITLAB_KEYWORDS
        and not str(name).startswith(".")
        and isinstance(job, dict)
        and ("script" in job or "trigger" in job)
    }


def lines(value):
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def shell_scripts(doc, name, out, only=None):
    default = doc.get("default") or {}
    for job_name, job in gitlab_jobs(doc).items():
        if only is not None and job_name not in only:
            continue
        before = job["before_script"] if "before_script" in job else default.get("before_script")
        after = job["after_script"] if "after_script" in job else default.get("after_script")
        body = lines(before) + lines(job.get("script")) + lines(after)
        path = os.path.join(out, "sh", f"{name}.{job_name}.sh")
        with open(path, "w") as f:
            f.write(f"#!/bin/sh\n# {name}: the job `{job_name}`\n")
            f.write("\n".join(body) + "\n")
        print(f"sh\t{path}")


def main():
    out = sys.argv[1]
    os.makedirs(os.path.join(out, "md"), exist_ok=True)
    os.makedirs(os.path.join(out, "sh"), exist_ok=True)

    gitlab = sorted(
        {p for p in glob.glob("docs/ci/*gitlab-ci*.y*ml")}
        | ({".gitlab-ci.yml"} if os.path.exists(".gitlab-ci.yml") else set())
    )
    github = sorted(
        set(glob.glob(".github/workflows/*.y*ml") + glob.glob("docs/ci/*.y*ml")) - set(gitlab)
    )
    for path in github:
        print(f"github\t{path}")
    for path in gitlab:
        print(f"gitlab\t{path}")
        with open(path) as f:
            shell_scripts(load(f.read(), path), path.replace("/", "_"), out)

    recipe = "docs/ci/gitlab-ci.yml"
    docs = ["README.md"] + sorted(glob.glob("docs/**/*.md", recursive=True))
    fence = re.compile(r"^```ya?ml\s*$")
    for doc_path in docs:
        with open(doc_path) as f:
            text = f.read().split("\n")
        i = 0
        while i < len(text):
            if not fence.match(text[i]):
                i += 1
                continue
            start = i + 1
            end = start
            while end < len(text) and text[end].strip() != "```":
                end += 1
            block = "\n".join(text[start:end]) + "\n"
            where = f"{doc_path}:{start + 1}"
            doc = load(block, where)
            base = os.path.join(out, "md", f"{doc_path.replace('/', '_')}.L{start + 1}")
            if is_workflow(doc):
                with open(base + ".yml", "w") as f:
                    f.write(block)
                print(f"github\t{base}.yml")
            elif gitlab_jobs(doc):
                # The docs say to add these jobs to the GitLab recipe.
                with open(recipe) as f:
                    combined = f.read() + "\n" + block
                with open(base + ".gitlab-ci.yml", "w") as f:
                    f.write(combined)
                print(f"gitlab\t{base}.gitlab-ci.yml")
                shell_scripts(
                    load(combined, where), os.path.basename(base), out, set(gitlab_jobs(doc))
                )
            i = end + 1


if __name__ == "__main__":
    main()
