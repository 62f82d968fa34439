"""Fakes at the edges: a fake Slack Web API server and a signed-request sender."""

from .slack_api import (
    APP_ID,
    BOT_ID,
    BOT_TOKEN,
    BOT_USER_ID,
    TEAM_ID,
    Call,
    FakeSlack,
    Message,
    Problem,
    Token,
    UploadedFile,
)
from .slack_requests import SlackSender, sign

__all__ = [
    "APP_ID",
    "BOT_ID",
    "BOT_TOKEN",
    "BOT_USER_ID",
    "TEAM_ID",
    "Call",
    "FakeSlack",
    "Message",
    "Problem",
    "SlackSender",
    "Token",
    "UploadedFile",
    "sign",
]
