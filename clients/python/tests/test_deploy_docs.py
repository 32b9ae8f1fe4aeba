"""The migration pages (docs/deploy/erp.en.md, erp.fr.md) as the ERP's maintainer follows them,
against the live bridge: the client copied into an ERP folder, the page's .env filled in, the
page's commands run there, and the page's Python example called. A command the pages show must
be one run here, or be marked untested."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path
from typing import Dict, List, Tuple

from printbridge_client.__main__ import read_env_file

from .support import CLIENT_DIR, REPOSITORY, example_invoice, live_env

PAGES = {"en": REPOSITORY / "docs" / "deploy" / "erp.en.md", "fr": REPOSITORY / "docs" / "deploy" / "erp.fr.md"}
UNTESTED = {"en": "untested", "fr": "non testée"}
#: What print_sale answers, per page: printed, and paper out.
ANSWERS = {
    "en": ("Printed.", "Not printed: paper out on printer receipt"),
    "fr": ("Imprimé.", "Non imprimé : paper out on printer receipt"),
}
FENCE = re.compile(r"^[ \t]*```(\w*)\n(.*?)^[ \t]*```", re.MULTILINE | re.DOTALL)
EXAMPLE = re.compile(r"<!-- erp-client-example:start -->\s*```python\n(.*?)```\s*<!-- erp-client-example:end -->", re.DOTALL)
ENV_LINE = re.compile(r"^[A-Z][A-Z0-9_]*=")
RUN_PREFIX = "python3 -m printbridge_client "


def setUpModule() -> None:
    live_env("PRINTBRIDGE_URL")


def blocks(page: str) -> List[Tuple[str, str, str]]:
    """Each fenced block: its language, its text, and the 300 characters before it."""
    text = PAGES[page].read_text(encoding="utf-8")
    fences = [(m.group(1), textwrap.dedent(m.group(2)), m.start()) for m in FENCE.finditer(text)]
    # The text before is read with its line breaks as spaces: a mark may wrap ("(non\ntestée").
    return [(language, code, " ".join(text[max(0, at - 300) : at].split())) for language, code, at in fences]


def erp_folder(test: unittest.TestCase) -> Path:
    """An ERP's folder with the client copied in, as the page's step 2 says."""
    folder = Path(tempfile.mkdtemp(prefix="erp-"))
    test.addCleanup(shutil.rmtree, folder, True)
    shutil.copytree(CLIENT_DIR / "printbridge_client", folder / "printbridge_client")
    return folder


def clean_env(**settings: str) -> Dict[str, str]:
    """This process's environment without the bridge's settings: the .env must give them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRINTBRIDGE_") and k != "PYTHONPATH"}
    env.update(settings)
    return env


def run(folder: Path, command: str, env: Dict[str, str]) -> subprocess.CompletedProcess:
    args = shlex.split(command)
    if args[0] == "python3":
        args[0] = sys.executable
    return subprocess.run(args, cwd=folder, env=env, capture_output=True, text=True, timeout=120)


def filled_env(page: str) -> str:
    """The page's .env block, with the live bridge's values in place of the examples."""
    (env_block,) = [text for _, text, _ in blocks(page) if all(ENV_LINE.match(l) for l in text.splitlines())]
    live = {
        "PRINTBRIDGE_URL": os.environ["PRINTBRIDGE_URL"],
        "PRINTBRIDGE_TOKEN": os.environ["PRINTBRIDGE_TOKEN"],
        "PRINTBRIDGE_STORE": os.environ["PRINTBRIDGE_STORE"],
    }
    example = {line.partition("=")[0]: line for line in env_block.splitlines()}
    assert set(example) == set(live), f"{page}: the .env block has {sorted(example)}"
    return "".join(f"{key}={live[key]}\n" for key in example)


class DeployPagesTest(unittest.TestCase):
    def test_every_command_in_the_pages_is_run_here_or_marked_untested(self) -> None:
        for page in PAGES:
            run_here = []
            for language, text, before in blocks(page):
                lines = [line for line in text.splitlines() if line.strip()]
                if language == "python" or "-->" in text or all(ENV_LINE.match(line) for line in lines):
                    continue  # Python (the example is run below), a diagram, or the .env (filled in below)
                for line in lines:
                    if line.startswith(RUN_PREFIX):
                        run_here.append(line)
                    else:
                        self.assertTrue(
                            UNTESTED[page] in line or UNTESTED[page] in before,
                            f"{page}: {line!r} is neither run by this test nor marked ({UNTESTED[page]})",
                        )
            self.assertEqual(
                run_here,
                [RUN_PREFIX + "--env-file .env " + c for c in ("stores", "status", "test-receipt")],
                page,
            )
            python_blocks = [text for language, text, before in blocks(page) if language == "python"]
            marked = [text for language, text, before in blocks(page) if language == "python" and UNTESTED[page] in before]
            (example,) = EXAMPLE.findall(PAGES[page].read_text(encoding="utf-8"))
            self.assertEqual(len(python_blocks), 1 + len(marked), f"{page}: a Python block neither run nor marked")
            self.assertIn(example, python_blocks)

    def test_the_pages_commands_check_the_settings_and_print_a_test_receipt(self) -> None:
        for page in PAGES:
            with self.subTest(page=page):
                folder = erp_folder(self)
                (folder / ".env").write_text(filled_env(page), encoding="utf-8")
                answers = {}
                for _, text, _ in blocks(page):
                    for line in text.splitlines():
                        if line.startswith(RUN_PREFIX):
                            answers[line.split()[-1]] = run(folder, line, clean_env())

                stores, status, receipt = answers["stores"], answers["status"], answers["test-receipt"]
                self.assertEqual(stores.returncode, 0, stores.stderr)
                self.assertIn(f"{os.environ['PRINTBRIDGE_STORE']}: online; printers: receipt READY", stores.stdout)
                self.assertEqual(status.returncode, 0, status.stderr)
                self.assertEqual(json.loads(status.stdout)["state"], "READY")
                self.assertEqual(receipt.returncode, 0, receipt.stderr)
                self.assertRegex(receipt.stdout, rf"^DONE: test receipt, job \S+ on store {os.environ['PRINTBRIDGE_STORE']}")

    def test_the_pages_example_tells_the_cashier_printed_or_why_not(self) -> None:
        for page in PAGES:
            with self.subTest(page=page):
                folder = erp_folder(self)
                (example,) = EXAMPLE.findall(PAGES[page].read_text(encoding="utf-8"))
                (folder / "printing.py").write_text(example, encoding="utf-8")
                (folder / "invoice.json").write_text(json.dumps(example_invoice()), encoding="utf-8")
                call = "import json, printing; print(printing.print_sale(json.load(open('invoice.json')), paid_cash=True))"
                settings = {"PRINTBRIDGE_URL": os.environ["PRINTBRIDGE_URL"], "PRINTBRIDGE_TOKEN": os.environ["PRINTBRIDGE_TOKEN"]}
                printed, paper_out = ANSWERS[page]

                done = run(folder, "python3 -c " + shlex.quote(call), clean_env(PRINTBRIDGE_STORE=os.environ["PRINTBRIDGE_STORE"], **settings))
                failed = run(
                    folder,
                    "python3 -c " + shlex.quote(call),
                    clean_env(PRINTBRIDGE_STORE=live_env("PRINTBRIDGE_TEST_PAPER_OUT_STORE"), **settings),
                )

                self.assertEqual((done.returncode, done.stdout.strip()), (0, printed), done.stderr)
                self.assertEqual((failed.returncode, failed.stdout.strip()), (0, paper_out), failed.stderr)


class CommandLineTest(unittest.TestCase):
    """The command line's answers when something is wrong: exit 1 or 2 and the reason."""

    def test_a_bad_token_exits_1_with_unauthenticated(self) -> None:
        folder = erp_folder(self)
        (folder / ".env").write_text(
            f"PRINTBRIDGE_URL={os.environ['PRINTBRIDGE_URL']}\nPRINTBRIDGE_TOKEN=old-agent-token\nPRINTBRIDGE_STORE=alger-01\n",
            encoding="utf-8",
        )

        result = run(folder, RUN_PREFIX + "--env-file .env test-receipt", clean_env())

        self.assertEqual(result.returncode, 1)
        self.assertIn("UNAUTHENTICATED: unknown API token", result.stderr)

    def test_a_printer_out_of_paper_exits_1_with_paper_out(self) -> None:
        folder = erp_folder(self)
        env = clean_env(PRINTBRIDGE_URL=os.environ["PRINTBRIDGE_URL"], PRINTBRIDGE_TOKEN=os.environ["PRINTBRIDGE_TOKEN"])
        store = live_env("PRINTBRIDGE_TEST_PAPER_OUT_STORE")

        receipt = run(folder, RUN_PREFIX + f"--store {store} test-receipt", env)
        status = run(folder, RUN_PREFIX + f"--store {store} status", env)

        self.assertEqual(receipt.returncode, 1)
        self.assertIn("PAPER_OUT: paper out on printer receipt", receipt.stderr)
        self.assertEqual(status.returncode, 1)
        self.assertTrue(json.loads(status.stdout)["paperEnd"])

    def test_missing_settings_exit_2_naming_them(self) -> None:
        folder = erp_folder(self)

        result = run(folder, RUN_PREFIX + "stores", clean_env())

        self.assertEqual(result.returncode, 2)
        self.assertIn("PRINTBRIDGE_URL and PRINTBRIDGE_TOKEN not set", result.stderr)

    def test_the_old_agents_env_file_is_not_enough(self) -> None:
        folder = erp_folder(self)
        (folder / ".env").write_text(
            "PRINTER_NETWORK_ENABLED=true\nPRINTER_AGENT_HOST=203.0.113.7\nPRINTER_AGENT_PORT=8080\nPRINTER_AGENT_TOKEN=x\n",
            encoding="utf-8",
        )

        result = run(folder, RUN_PREFIX + "--env-file .env stores", clean_env())

        self.assertEqual(result.returncode, 2)
        self.assertEqual(read_env_file(str(folder / ".env"))["PRINTER_AGENT_PORT"], "8080")


if __name__ == "__main__":
    unittest.main()
