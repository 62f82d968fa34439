"""The correction menu beside each shown statement and dispute ("Wrong speaker…", "Not a
statement", "Not a dispute"), the "wrong speaker" modal's submission, and Undo in App Home
(workspace admins only, asked of Slack as the subscribe policy does)."""

from __future__ import annotations

import json
import logging
import re

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.webhook import WebhookClient
from sqlalchemy import Engine
from sqlmodel import Session

from bot.corrections import (
    hide_items,
    move_statement,
    parse_choice,
    statement_to_move,
)
from bot.listeners.events.home import publish_home
from bot.listeners.replies import SORRY, reply_safely
from bot.render import text_message
from bot.render_corrections import (
    NAME_ACTION,
    NAME_BLOCK,
    NOT_AVAILABLE,
    PICK_ACTION,
    PICK_BLOCK,
    PICK_OR_TYPE,
    SPEAKER_VIEW,
    corrected_message,
    speaker_modal,
)
from bot.subscribe_policy import member_info
from storage.corrections import SPEAKER, undo_correction

log = logging.getLogger(__name__)

ONLY_ADMINS = "Only workspace admins can undo a correction."


def register(app: App, *, engine: Engine) -> None:
    @app.action(re.compile(r"^correct_(statement|dispute)_\d+$"))
    def correct(
        ack: Ack,
        action: dict,
        body: dict,
        client: WebClient,
        respond: Respond,
        context: BoltContext,
    ) -> None:
        ack()
        team_id, user_id = _team(body, context), body["user"]["id"]
        choice = parse_choice((action.get("selected_option") or {}).get("value"))
        if choice is None:
            _tell(respond, text_message(NOT_AVAILABLE))
            return
        if choice.action != SPEAKER:
            reply = reply_safely(
                lambda: hide_items(choice, engine=engine, team_id=team_id, user_id=user_id)
            )
            _tell(respond, reply)
            return
        try:
            found = statement_to_move(choice.ids[0], engine=engine, team_id=team_id)
            if found is None:
                _tell(respond, text_message(NOT_AVAILABLE))
                return
            target, speakers = found
            metadata = {"r": body.get("response_url") or ""}
            client.views_open(
                trigger_id=body["trigger_id"],
                view=speaker_modal(
                    statement_id=target.id, said=target.text, speakers=speakers, metadata=metadata
                ),
            )
        except Exception:
            log.exception("could not open the wrong-speaker modal")
            _tell(respond, text_message(SORRY))

    @app.view(SPEAKER_VIEW)
    def submit_speaker(ack: Ack, body: dict, view: dict, context: BoltContext) -> None:
        # Checked before acknowledging: an error can only be shown in the modal through the
        # acknowledgement itself; the check and the write are one short transaction.
        form = _form(view)
        if form is None:
            ack(response_action="errors", errors={NAME_BLOCK: PICK_OR_TYPE})
            return
        statement_id, speaker_id, name, response_url = form
        try:
            speaker, problem = move_statement(
                statement_id,
                engine=engine,
                team_id=_team(body, context),
                user_id=body["user"]["id"],
                speaker_id=speaker_id,
                name=name,
            )
        except Exception:
            log.exception("could not store a wrong-speaker correction")
            speaker, problem = None, SORRY
        if problem is not None:
            ack(response_action="errors", errors={NAME_BLOCK: problem[:150]})
            return
        ack()
        if response_url:
            _post_note(response_url, corrected_message(SPEAKER, speaker=speaker))

    @app.action("home_undo_correction")
    def undo(ack: Ack, body: dict, action: dict, client: WebClient, context: BoltContext) -> None:
        ack()
        team_id, user_id = _team(body, context), body["user"]["id"]
        value = str(action.get("value") or "")
        member = member_info(client, user_id)
        if member is None or not member.is_admin:
            notice = ONLY_ADMINS
        elif not value.isdigit():
            notice = NOT_AVAILABLE
        else:
            with Session(engine) as session:
                undone = undo_correction(session=session, team_id=team_id, correction_id=int(value))
                session.commit()
            notice = "Correction undone." if undone else "That correction was already undone."
        publish_home(
            client,
            engine=engine,
            team_id=team_id,
            user_id=user_id,
            seen=(body.get("view") or {}).get("hash"),
            notice=notice,
        )


def _form(view: dict) -> tuple[int, int | None, str | None, str] | None:
    """(statement id, picked speaker id, typed name, response URL) from the modal; None when
    neither a speaker was picked nor a name typed."""
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
        statement_id = int(metadata["id"])
    except (ValueError, KeyError, TypeError):
        return None
    values = (view.get("state") or {}).get("values") or {}
    picked = ((values.get(PICK_BLOCK) or {}).get(PICK_ACTION) or {}).get("selected_option")
    typed = ((values.get(NAME_BLOCK) or {}).get(NAME_ACTION) or {}).get("value")
    speaker_id = int(picked["value"]) if picked and str(picked.get("value")).isdigit() else None
    name = typed.strip() if isinstance(typed, str) and typed.strip() else None
    if speaker_id is None and name is None:
        return None
    return statement_id, speaker_id, name, str(metadata.get("r") or "")


def _post_note(response_url: str, note) -> None:
    """Tell the reader through the response URL of the message they corrected from (it came
    back in the modal's private metadata, which only Slack's signed requests carry)."""
    if not response_url.startswith(("https://", "http://")):
        return
    try:
        WebhookClient(response_url).send(
            response_type="ephemeral", replace_original=False, **note.payload()
        )
    except Exception as error:
        log.warning("could not confirm a correction: %s", type(error).__name__)


def _tell(respond: Respond, reply) -> None:
    respond(response_type="ephemeral", replace_original=False, **reply.payload())


def _team(body: dict, context: BoltContext) -> str:
    return context.team_id or (body.get("team") or {}).get("id") or ""
