-- 0006_audit_model: the language model's part in each handled message.
--
-- messages.model names the model that wrote the message's answer (empty when
-- deploybot composed it offline). model_calls keeps every call of the model,
-- its token usage and, when its result was not used, why (the fallback).
-- Both are additions: older rows read as answered offline.

ALTER TABLE messages ADD COLUMN model TEXT NOT NULL DEFAULT '';

CREATE TABLE model_calls (
    id                INTEGER PRIMARY KEY,
    message           INTEGER NOT NULL DEFAULT 0, -- messages.id; 0 when unknown
    op                TEXT NOT NULL CHECK (op IN ('route', 'answer')),
    model             TEXT NOT NULL DEFAULT '',
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    fallback          TEXT NOT NULL DEFAULT '',
    at                TEXT NOT NULL
);

CREATE INDEX model_calls_message ON model_calls (message);
