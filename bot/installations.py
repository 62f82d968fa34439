"""Workspaces' tokens at rest: slack_sdk's SQLAlchemy store, encrypted with a Fernet key.

Only the token columns change: each token is stored as `enc1:` + a Fernet token and
decrypted when a row becomes a `Bot` or `Installation`, so both lookups (and
`find_installation`'s own bot lookup) hand out plain tokens. Rows saved before the key was
set still read as they are; after rotating the key, workspaces must re-install.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Engine, Text

log = logging.getLogger(__name__)

PREFIX = "enc1:"
TOKEN_FIELDS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")


@dataclass(frozen=True)
class TokenCipher:
    """Encrypts and decrypts one token at a time; plain values pass through decryption."""

    key: str

    def encrypt(self, token: str | None) -> str | None:
        if not token or token.startswith(PREFIX):
            return token  # save() hands save_bot() an already encrypted bot
        return PREFIX + self._fernet().encrypt(token.encode()).decode()

    def decrypt(self, stored: str | None) -> str | None:
        if not stored or not stored.startswith(PREFIX):
            return stored
        from cryptography.fernet import InvalidToken

        try:
            return self._fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
        except InvalidToken:
            log.error("a stored token does not decrypt with SUMMIT_TOKEN_KEY; re-install the app")
            return None

    def _fernet(self):
        from cryptography.fernet import Fernet

        return Fernet(self.key.encode())


class EncryptedInstallationStore(SQLAlchemyInstallationStore):
    """`SQLAlchemyInstallationStore` whose token columns hold ciphertext."""

    def __init__(self, client_id: str, engine: Engine, *, key: str, **kwargs) -> None:
        super().__init__(client_id=client_id, engine=engine, **kwargs)
        self.cipher = TokenCipher(key)
        for table in (self.bots, self.installations):
            for name in TOKEN_FIELDS:
                if name in table.c:  # ciphertext outgrows String(200): text (migration 0011)
                    table.c[name].type = Text()

    def save(self, installation: Installation) -> None:
        super().save(self._encrypted(installation))

    def save_bot(self, bot: Bot) -> None:
        super().save_bot(self._encrypted(bot))

    def build_installation_entity(self, row) -> Installation:
        return self._decrypted(super().build_installation_entity(row))

    def build_bot_entity(self, row) -> Bot:
        return self._decrypted(super().build_bot_entity(row))

    def _encrypted(self, entity):
        copy = type(entity)(**entity.to_dict_for_copying())
        for name in TOKEN_FIELDS:
            if hasattr(copy, name):
                setattr(copy, name, self.cipher.encrypt(getattr(copy, name)))
        return copy

    def _decrypted(self, entity):
        for name in TOKEN_FIELDS:
            if hasattr(entity, name):
                setattr(entity, name, self.cipher.decrypt(getattr(entity, name)))
        return entity
