"""Docs and code check each other: README commands, manifest, no machine paths."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import subprocess

import bot.listeners.commands as command_listeners
from tests.conftest import ROOT


def manifest_commands() -> set[str]:
    manifest = json.loads((ROOT / "manifest.json").read_text())
    return {c["command"] for c in manifest["features"]["slash_commands"]}


def listener_commands() -> set[str]:
    found = set()
    for module in pkgutil.iter_modules(command_listeners.__path__):
        loaded = importlib.import_module(f"{command_listeners.__name__}.{module.name}")
        found.add(loaded.COMMAND)
    return found


def test_readme_opens_with_the_two_commands():
    """The README's first screen says what the product is and shows make demo and make test."""
    first_screen = "\n".join((ROOT / "README.md").read_text().splitlines()[:20])
    assert "Slack app" in first_screen
    assert "make demo" in first_screen and "make test" in first_screen


def test_ci_runs_the_readme_test_command():
    """`.ci/run` runs `make test`, the command the README gives."""
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_manifest_command_has_a_listener_module_and_back():
    """manifest.json and bot/listeners/commands declare the same slash commands."""
    assert manifest_commands() == listener_commands()


def test_manifest_urls_point_at_the_events_path():
    """Slash commands and interactivity go to /slack/events, where the app listens."""
    from bot.server import EVENTS_PATH

    manifest = json.loads((ROOT / "manifest.json").read_text())
    urls = [c["url"] for c in manifest["features"]["slash_commands"]]
    urls.append(manifest["settings"]["interactivity"]["request_url"])
    assert all(url.endswith(EVENTS_PATH) for url in urls)


def test_no_absolute_machine_paths_in_the_repo():
    """Nothing tracked mentions the build machine's absolute paths; all runs from the checkout."""
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    pattern = re.compile("|".join(["/" + "work/", "/" + "root/", "/" + "home/[a-z]"]))
    offenders = [
        name
        for name in tracked
        if (ROOT / name).is_file()
        and not name.endswith(".json")
        and pattern.search((ROOT / name).read_text(errors="ignore"))
    ]
    assert offenders == []


def test_every_test_states_its_behaviour_in_a_docstring():
    """Each test function has a docstring saying what behaviour it checks."""
    import ast

    missing = []
    for path in (ROOT / "tests").rglob("test_*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            is_test = isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
            if is_test and not ast.get_docstring(node):
                missing.append(f"{path.relative_to(ROOT)}::{node.name}")
    assert missing == []


def test_the_digest_usage_hint_names_every_subcommand():
    """Slack shows the manifest's usage hint while typing `/digest`: it lists every verb the
    parser answers (help words aside)."""
    from bot.commands.digest import DigestUsageError, ShowHelp, parse_digest

    manifest = json.loads((ROOT / "manifest.json").read_text())
    [digest] = [c for c in manifest["features"]["slash_commands"] if c["command"] == "/digest"]
    hinted = set(re.findall(r"[a-z]+", digest["usage_hint"]))
    for verb in ("subscribe", "unsubscribe", "time", "days", "pause", "resume", "format"):
        assert verb in hinted
    for verb in ("feeds", "now", "status", "help"):
        try:
            known = not isinstance(parse_digest(verb), ShowHelp) or verb == "help"
        except DigestUsageError as error:
            known = "don't know" not in str(error)
        assert known and verb in hinted, verb


# Every bot scope the manifest may ask for: what it is for, and the call or listener in the
# code (bot/, jobs/, summit/) that needs it. A scope nothing needs any more leaves the
# manifest and this table (im:read went: nothing ever read a DM's details).
SCOPE_USES = {
    "app_mentions:read": ("questions asked by mentioning the bot", '@app.event("app_mention")'),
    "channels:read": ("a public channel's creator, for SUBSCRIBE_POLICY", ".conversations_info("),
    "chat:write": ("digests, follow-up DMs, shared answers", ".chat_postMessage("),
    "commands": ("/digest, /who-said, /disputes", "@app.command("),
    "files:write": ("dispute maps: the PNG is uploaded, then shown", ".files_upload_v2("),
    "groups:read": ("a private channel's creator, for SUBSCRIBE_POLICY", ".conversations_info("),
    "im:history": ("questions asked in the bot's DM (message.im)", '@app.event("message")'),
    "im:write": ("opening the DM a follow-up is sent to", ".conversations_open("),
    "links:read": ("links to articles we have, to preview", '@app.event("link_shared")'),
    "links:write": ("previews of who an article link quotes", ".chat_unfurl("),
    "users:read": ("admin, owner and guest flags, for SUBSCRIBE_POLICY", ".users_info("),
}


def test_every_bot_scope_in_the_manifest_is_used_by_the_code():
    """manifest.json asks for no scope nothing uses: each bot scope has a documented use in
    SCOPE_USES whose call or listener is in the code, and im:read is not asked for."""
    manifest = json.loads((ROOT / "manifest.json").read_text())
    scopes = manifest["oauth_config"]["scopes"]["bot"]
    assert "im:read" not in scopes
    assert [scope for scope in scopes if scope not in SCOPE_USES] == []
    code = "\n".join(
        path.read_text()
        for package in ("bot", "jobs", "summit")
        for path in (ROOT / package).rglob("*.py")
    )
    assert [scope for scope in scopes if SCOPE_USES[scope][1] not in code] == []


def test_every_manifest_shortcut_and_event_has_a_listener():
    """Each message shortcut's callback_id and each bot event in manifest.json is listened
    for in bot/listeners (message.im arrives as "message")."""
    from bot.listeners.shortcuts.quoted_here import CALLBACK_ID

    manifest = json.loads((ROOT / "manifest.json").read_text())
    assert [s["callback_id"] for s in manifest["features"]["shortcuts"]] == [CALLBACK_ID]
    code = "\n".join(path.read_text() for path in (ROOT / "bot").rglob("*.py"))
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    listened = {event.split(".")[0] for event in events}
    assert [e for e in sorted(listened) if f'@app.event("{e}")' not in code] == []
