"""The AI assistant on each step page, and the AI section of the settings page.

Suggestions are proposals kept in the session; only the user's Add click puts one (as edited)
into the concept. Model output is always shown as plain text: Markdown characters are escaped
and nothing is rendered as HTML.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import streamlit as st
from pydantic import ValidationError

from concept import ai
from concept.ai.provenance import mark_draft, marks_for_step
from concept.ai_settings import (
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    TEXT_FIELDS,
    AISettings,
    Resolved,
    merge,
    override_allowed,
    resolve,
    settings_from_env,
    settings_from_mapping,
)
from concept.formatting import format_number, format_short_day, plain
from concept.ui.session import current_concept, lang, refresh_widgets, save_current, t

SESSION_SETTINGS = "ai_session_settings"
AI_ICON = ":material/smart_toy:"  # beside what the AI wrote
SESSION_FIELDS = (*TEXT_FIELDS, "timeout", "max_retries")
# The models the visitor's own server offers (from /v1/models), for the model picker.
SERVER_MODELS = "ai_server_models"
USAGE_TOTAL = "ai_usage_total"  # tokens of this session's requests, shown on the Settings page
SETTINGS_PAGE = "views/settings.py"

# --- settings ---------------------------------------------------------------------------------


def _secrets_section() -> dict[str, Any]:
    # Reading st.secrets without a secrets file raises; no file simply means no settings there.
    try:
        section = st.secrets.get("ai")
        return dict(section) if section else {}
    except Exception:
        return {}


def _secrets_settings(section: dict[str, Any]) -> AISettings:
    try:
        return settings_from_mapping(section)
    except (TypeError, ValueError):
        return AISettings()


def session_settings() -> AISettings:
    values = st.session_state.get(SESSION_SETTINGS)
    return settings_from_mapping(values) if values else AISettings()


def resolved_settings() -> Resolved:
    """This visitor's own settings or the server's (secrets.toml over the environment), never a
    mix: see `concept.ai_settings.resolve`."""
    section = _secrets_section()
    server = merge(_secrets_settings(section), settings_from_env())
    return resolve(session_settings(), server, override_allowed(section))


def current_settings() -> AISettings:
    return resolved_settings().settings

def configured_settings() -> AISettings | None:
    """The AI settings when an endpoint is configured; without one, a one-line hint that
    points to Settings, and None."""
    settings = current_settings()
    if settings.configured:
        return settings
    st.caption(t("ai.panel.off_hint"))
    st.page_link(SETTINGS_PAGE, label=t("ai.panel.open_settings"), icon=":material/settings:")
    return None


def settings_section() -> None:
    """The AI part of the settings page: status, the session form and a connection test.

    The server's settings are never shown beyond the model's name: not their address, not their
    key. Visitors may replace them with their own only when the operator allows it.
    """
    st.header(t("ai.settings.title"), anchor=False)
    resolved = resolved_settings()
    settings = resolved.settings
    if resolved.from_server:
        st.success(t("ai.settings.status_server", model=plain(settings.model)),
                   icon=":material/smart_toy:")
    elif settings.configured:
        st.success(t("ai.settings.status_on", model=plain(settings.model),
                     url=settings.endpoint_label), icon=":material/smart_toy:")
    else:
        st.info(t("ai.settings.status_off"), icon=":material/info:")
    own_server = resolved.source == "visitor"
    # The test runs before the form is drawn, so the models it finds are offered in the form at
    # once (a button's state is known from the start of the run its click causes).
    result = _test_connection(settings, own_server) \
        if st.session_state.get("ai_test_connection") and settings.configured else None
    if resolved.locked:
        st.caption(t("ai.settings.locked"))
    else:
        _visitor_form(server_ready=resolved.from_server)
    row = st.container(horizontal=True)
    row.button(t("ai.settings.test"), key="ai_test_connection",
               icon=":material/network_check:", disabled=not settings.configured)
    if own_server:
        # Only the visitor's own server is asked for its models: the operator's list stays
        # the operator's.
        row.button(t("ai.settings.list_models"), key="ai_list_models",
                   icon=":material/list:", on_click=_load_models, args=(settings,))
    if st.session_state.get(SESSION_SETTINGS) and not resolved.locked:
        row.button(t("ai.settings.forget"), key="ai_forget_settings",
                   on_click=_forget_settings)
    if result is not None:
        ok, text = result
        if ok:
            st.success(text, icon=":material/check_circle:")
        else:
            st.error(text, icon=":material/error:")
    usage_total()
    models = st.session_state.get(SERVER_MODELS)
    if models is not None and own_server:
        st.caption(plain(t("ai.settings.models_found", models=", ".join(models)))
                   if models else t("ai.settings.no_models"))


def _test_connection(settings: AISettings, own_server: bool) -> tuple[bool, str]:
    with st.spinner(t("ai.settings.testing")):
        try:
            answered = ai.check_connection(settings)
        except ai.AIError as exc:
            if exc.key == "model_unknown" and own_server:
                _load_models(settings)
            return False, plain_message(exc)
    if own_server:
        _load_models(settings)
    return True, t("ai.settings.test_ok", model=plain(answered))


def _forget_settings() -> None:
    st.session_state.pop(SESSION_SETTINGS, None)
    st.session_state.pop(SERVER_MODELS, None)


def _load_models(settings: AISettings) -> None:
    st.session_state[SERVER_MODELS] = ai.list_models(settings)


def _visitor_form(server_ready: bool) -> None:
    """The visitor's own settings, filled in from this session only (never from the server)."""
    own = session_settings()
    st.caption(t("ai.settings.intro"))
    if server_ready:
        st.caption(t("ai.settings.override_hint"))
    with st.form("ai_settings_form"):
        base_url = st.text_input(t("ai.settings.base_url"), value=own.base_url,
                                 help=t("ai.settings.base_url_help"), key="ai_form_base_url")
        api_key = st.text_input(t("ai.settings.api_key"), type="password", value="",
                                help=t("ai.settings.api_key_help"), key="ai_form_api_key",
                                placeholder=t("ai.settings.api_key_set") if own.api_key
                                else None)
        models = st.session_state.get(SERVER_MODELS) or []
        picked = ""
        if models:
            # The server's models to choose from; the free-text field below stays for others.
            picked = st.selectbox(t("ai.settings.model_pick"), ["", *models],
                                  index=([""] + models).index(own.model)
                                  if own.model in models else 0,
                                  format_func=lambda m: m or t("ai.settings.model_pick_none"),
                                  key="ai_form_model_pick") or ""
        model = st.text_input(t("ai.settings.model"), value=own.model,
                              help=t("ai.settings.model_help"), key="ai_form_model")
        api_version = st.text_input(t("ai.settings.api_version"), value=own.api_version,
                                    help=t("ai.settings.api_version_help"),
                                    key="ai_form_api_version")
        deployment = st.text_input(t("ai.settings.azure_deployment"),
                                   value=own.azure_deployment,
                                   help=t("ai.settings.azure_deployment_help"),
                                   key="ai_form_azure_deployment")
        columns = st.columns(2)
        timeout = columns[0].number_input(t("ai.settings.timeout"), min_value=1, max_value=600,
                                          value=int(own.timeout), step=5,
                                          help=t("ai.settings.timeout_help"),
                                          key="ai_form_timeout")
        retries = columns[1].number_input(t("ai.settings.retries"), min_value=0, max_value=3,
                                          value=int(own.max_retries), step=1,
                                          help=t("ai.settings.retries_help"),
                                          key="ai_form_retries")
        submitted = st.form_submit_button(t("ai.settings.apply"), type="primary")
    if submitted:
        values = dict(st.session_state.get(SESSION_SETTINGS) or {})
        chosen = picked if picked and picked != own.model else model
        values.update(base_url=base_url.strip(), model=chosen.strip(),
                      api_version=api_version.strip(), azure_deployment=deployment.strip(),
                      timeout=float(timeout or DEFAULT_TIMEOUT),
                      max_retries=int(DEFAULT_MAX_RETRIES if retries is None else retries))
        if api_key.strip():
            values["api_key"] = api_key.strip()
        if values.get("base_url") != (st.session_state.get(SESSION_SETTINGS) or {}).get(
                "base_url"):
            st.session_state.pop(SERVER_MODELS, None)  # another server: its models are unknown
        st.session_state[SESSION_SETTINGS] = {k: v for k, v in values.items()
                                              if k in SESSION_FIELDS}
        st.session_state.pop("ai_form_model", None)
        st.session_state.pop("ai_form_model_pick", None)
        # The key lives on only in SESSION_SETTINGS; clear the widget so it is not shown again.
        st.session_state.pop("ai_form_api_key", None)
        st.rerun()
    if st.session_state.get(SESSION_SETTINGS):
        st.caption(t("ai.settings.source_session"))


def plain_message(exc: ai.AIError) -> str:
    # Messages can carry server text (a model name, an error detail): keep it literal. The
    # server's own address is named only as "(the address set on the server)", never shown.
    resolved = resolved_settings()
    if resolved.from_server:
        address = resolved.settings.base_url.strip()
        hidden = t("ai.settings.server_endpoint")
        params = {name: (hidden if name == "url" else
                         str(value).replace(address, hidden) if address else value)
                  for name, value in exc.params.items()}
        exc = ai.AIError(exc.key, **params)
    return exc.markdown(lang())


# --- usage ---------------------------------------------------------------------------------


def _usage_recorder(step_key: str, part: str) -> Any:
    """A callback for the service: keeps the request's usage for the caption under the answer
    and adds it to the session total."""
    st.session_state.pop(_state_key(step_key, f"usage.{part}"), None)

    def record(used: ai.Usage) -> None:
        st.session_state[_state_key(step_key, f"usage.{part}")] = used
        total = st.session_state.get(USAGE_TOTAL)
        st.session_state[USAGE_TOTAL] = used if total is None else total + used
    return record


def usage_text(used: ai.Usage) -> str:
    text = t("ai.usage.tokens", prompt=format_number(used.prompt_tokens, lang(), 0),
             completion=format_number(used.completion_tokens, lang(), 0))
    if used.cost is not None:
        text += " · " + t("ai.usage.cost", cost=format_number(used.cost, lang(), 4))
    return text


def _usage_caption(step_key: str, part: str) -> None:
    used = st.session_state.get(_state_key(step_key, f"usage.{part}"))
    if used is not None:
        st.caption(usage_text(used))


def usage_total() -> None:
    """The session's total on the Settings page."""
    total = st.session_state.get(USAGE_TOTAL)
    if total is not None:
        st.caption(t("ai.usage.total", requests=total.requests, tokens=usage_text(total)))


# --- the panel ---------------------------------------------------------------------------------


def _state_key(step_key: str, part: str) -> str:
    return f"ai.{part}.{step_key}"


def ai_panel(step_key: str) -> None:
    """The AI assistant of a step, or a one-line hint when no AI endpoint is configured."""
    concept = current_concept()
    if concept is None:
        return
    settings = configured_settings()
    if settings is None:
        return
    with st.expander(t("ai.panel.title"), icon=":material/smart_toy:",
                     key=f"ai_panel_{step_key}"):
        st.caption(t("ai.panel.intro"))
        has_targets = bool(ai.targets_for(step_key))
        names = ([t("ai.panel.suggest_tab")] if has_targets else []) \
            + [t("ai.panel.critique_tab")] + ([t("ai.panel.draft_tab")]
                                             if step_key == "value" else [])
        tabs = list(st.tabs(names, key=f"ai_tabs_{step_key}"))
        if has_targets:
            with tabs.pop(0):
                _suggestions(step_key, concept, settings)
        with tabs.pop(0):
            _critique(step_key, concept, settings)
        if step_key == "value":
            with tabs.pop(0):
                _drafts(concept, settings)
    ai_written(step_key)


def ai_written(step_key: str) -> None:
    """The items of this step that the AI wrote and the user has not edited, each with the AI
    icon, the model and the date. Editing an item's text makes it the user's own."""
    concept = current_concept()
    if concept is None:
        return
    marks = list(marks_for_step(concept, step_key))
    if not marks:
        return
    st.caption(f"{AI_ICON} {t('ai.provenance.title')}", help=t("ai.provenance.help"))
    for item in marks:
        st.caption(f"{AI_ICON} " + t("ai.provenance.item", text=plain(item.text),
                                     model=plain(item.model),
                                     date=format_short_day(item.added, lang())))


def _show_error(step_key: str, part: str) -> None:
    message = st.session_state.pop(_state_key(step_key, f"error.{part}"), None)
    if message:
        st.error(message, icon=":material/error:")


def _set_error(step_key: str, part: str, exc: ai.AIError) -> None:
    st.session_state[_state_key(step_key, f"error.{part}")] = plain_message(exc)


# --- suggestions ---


def _suggestions(step_key: str, concept: Any, settings: AISettings) -> None:
    targets = ai.targets_for(step_key)
    # Labels are looked up now, not inside format_func (which may run outside this session).
    names = {x.key: t(x.label_key) for x in targets}
    target_key = st.selectbox(t("ai.panel.what"), list(names), format_func=names.get,
                              key=f"ai_target_{step_key}")
    target = ai.target(target_key)
    owners = target.owners(concept, lang())
    owner_id = ""
    owner_label = ""
    ready = True
    if target.owner_kind:
        if not owners:
            st.caption(t(f"ai.owner_missing.{target.owner_kind}"))
            ready = False
        else:
            labels = dict(owners)
            owner_id = st.selectbox(t(f"ai.owner.{target.owner_kind}"), list(labels),
                                    format_func=lambda oid: labels.get(oid, oid),
                                    key=f"ai_owner_{step_key}_{target_key}")
            owner_label = labels.get(owner_id, "")
    if st.button(t("ai.panel.suggest"), key=f"ai_suggest_{step_key}", disabled=not ready,
                 icon=":material/auto_awesome:"):
        with st.spinner(t("ai.panel.thinking")):
            try:
                found = ai.suggest(settings, concept, target_key, owner_id, lang(),
                                   on_usage=_usage_recorder(step_key, "suggest"))
            except ai.AIError as exc:
                _set_error(step_key, "suggest", exc)
                found = None
        if found is not None:
            previous = st.session_state.get(_state_key(step_key, "proposals")) or {}
            for item in previous.get("items", []):
                st.session_state.pop(f"ai_prop_{item['id']}", None)
            items = []
            for item in found:
                pid = uuid.uuid4().hex[:10]
                st.session_state[f"ai_prop_{pid}"] = item.text
                items.append({"id": pid, "text": item.text, "reason": item.reason})
            st.session_state[_state_key(step_key, "proposals")] = {
                "concept": concept.id, "target": target_key, "owner": owner_id,
                "model": settings.model,
                "owner_label": owner_label, "items": items, "empty": not items}
    _show_error(step_key, "suggest")
    flash = st.session_state.pop(_state_key(step_key, "flash"), None)
    if flash:
        st.success(flash, icon=":material/check:")
    _proposals(step_key, concept)


def _proposals(step_key: str, concept: Any) -> None:
    state = st.session_state.get(_state_key(step_key, "proposals"))
    if not state or state["concept"] != concept.id:
        return
    if state.get("empty"):
        st.info(t("ai.panel.none_new"), icon=":material/info:")
        return
    if not state["items"]:
        return
    field = t(ai.target(state["target"]).label_key)
    title = (t("ai.panel.proposals", field=field, owner=plain(state["owner_label"]))
             if state["owner_label"] else t("ai.panel.proposals_plain", field=field))
    st.markdown(f"**{title}**")
    for number, item in enumerate(state["items"], start=1):
        with st.container(border=True):
            st.text_input(t("ai.panel.proposal_label", number=number),
                          key=f"ai_prop_{item['id']}", label_visibility="collapsed")
            if item["reason"]:
                st.caption(plain(t("ai.panel.reason", reason=item["reason"])))
            row = st.container(horizontal=True)
            row.button(t("ai.panel.accept"), key=f"ai_accept_{item['id']}",
                       on_click=_accept, args=(step_key, item["id"]),
                       icon=":material/add:", type="primary")
            row.button(t("ai.panel.discard"), key=f"ai_discard_{item['id']}",
                       on_click=_discard, args=(step_key, item["id"]),
                       icon=":material/close:")
    _usage_caption(step_key, "suggest")
    st.button(t("ai.panel.discard_all"), key=f"ai_discard_all_{step_key}",
              on_click=lambda: st.session_state.pop(_state_key(step_key, "proposals"), None))


def _remove_proposal(state: dict[str, Any], pid: str) -> None:
    state["items"] = [i for i in state["items"] if i["id"] != pid]
    st.session_state.pop(f"ai_prop_{pid}", None)


def _accept(step_key: str, pid: str) -> None:
    state = st.session_state.get(_state_key(step_key, "proposals"))
    concept = current_concept()
    if not state or concept is None or concept.id != state["concept"]:
        return
    item = next((i for i in state["items"] if i["id"] == pid), None)
    if item is None:
        return
    text = st.session_state.get(f"ai_prop_{pid}", item["text"])
    try:
        added = ai.accept(concept, state["target"], state["owner"], str(text or ""),
                          model=state.get("model") or current_settings().model)
    except ai.AIError as exc:
        _set_error(step_key, "suggest", exc)
        return
    except ValidationError:
        st.session_state[_state_key(step_key, "error.suggest")] = t("common.value_refused")
        return
    save_current()
    refresh_widgets()
    _remove_proposal(state, pid)
    st.session_state[_state_key(step_key, "flash")] = plain(t("ai.panel.added", text=added))


def _discard(step_key: str, pid: str) -> None:
    state = st.session_state.get(_state_key(step_key, "proposals"))
    if state:
        _remove_proposal(state, pid)


# --- critique ---


def _critique(step_key: str, concept: Any, settings: AISettings) -> None:
    st.caption(t("ai.panel.critique_intro"))
    if st.button(t("ai.panel.critique"), key=f"ai_critique_{step_key}",
                 icon=":material/psychology_alt:"):
        with st.spinner(t("ai.panel.thinking")):
            try:
                found = ai.critique(settings, concept, step_key, lang(),
                                    on_usage=_usage_recorder(step_key, "critique"))
            except ai.AIError as exc:
                _set_error(step_key, "critique", exc)
            else:
                st.session_state[_state_key(step_key, "critique")] = {
                    "concept": concept.id, "questions": found.questions, "risks": found.risks}
    _show_error(step_key, "critique")
    result = st.session_state.get(_state_key(step_key, "critique"))
    if not result or result["concept"] != concept.id:
        return
    for title_key, items in (("ai.panel.questions", result["questions"]),
                             ("ai.panel.risks", result["risks"])):
        if items:
            st.markdown(f"**{t(title_key)}**")
            st.markdown("\n".join(f"- {plain(item)}" for item in items))
    _usage_caption(step_key, "critique")
    st.button(t("ai.panel.clear"), key=f"ai_critique_clear_{step_key}",
              on_click=lambda: st.session_state.pop(_state_key(step_key, "critique"), None))


# --- drafts (value step) ---

DRAFT_FIELDS = {"description": ("description", "short_description", "field.short_description"),
                "statement": ("value_proposition", "statement", "field.statement")}


def _draft_owner(concept: Any, kind: str) -> Any:
    return getattr(concept, DRAFT_FIELDS[kind][0])


def _escaped(chunks: Iterator[str], raw: list[str]) -> Iterator[str]:
    for chunk in chunks:
        raw.append(chunk)
        yield plain(chunk)


def _drafts(concept: Any, settings: AISettings) -> None:
    st.caption(t("ai.panel.draft_intro"))
    row = st.container(horizontal=True)
    asked = None
    if row.button(t("ai.panel.draft_description"), key="ai_draft_description",
                  icon=":material/edit_note:"):
        asked = "description"
    if row.button(t("ai.panel.draft_statement"), key="ai_draft_statement",
                  icon=":material/edit_note:"):
        asked = "statement"
    if asked:
        st.session_state.pop(_state_key("value", f"draft.{asked}"), None)
        st.session_state.pop(_state_key("value", f"confirm.{asked}"), None)
        raw: list[str] = []
        # Stop reruns the page: Streamlit then raises inside write_stream, and the finally
        # below closes the draft, which closes the HTTP stream (the server stops generating).
        stop = st.empty()
        stop.button(t("ai.panel.stop"), key="ai_draft_stop", icon=":material/stop_circle:",
                    on_click=_stopped)
        draft = ai.stream_draft(settings, concept, asked, lang(),
                                on_usage=_usage_recorder("value", f"draft.{asked}"))
        try:
            with st.spinner(t("ai.panel.thinking")):
                st.write_stream(_escaped(draft, raw))
        except ai.AIError as exc:
            st.error(plain_message(exc), icon=":material/error:")
            ok = False
        else:
            ok = True
        finally:
            draft.close()
        stop.empty()
        if ok:
            text = "".join(raw).strip()
            st.session_state[_state_key("value", f"draft.{asked}")] = {
                "concept": concept.id, "text": text, "model": settings.model}
            st.session_state[f"ai_draft_edit_{asked}"] = text
            st.rerun()
    flash = st.session_state.pop(_state_key("value", "draft_flash"), None)
    if flash:
        st.success(flash, icon=":material/check:")
    if st.session_state.pop(_state_key("value", "draft_stopped"), False):
        st.info(t("ai.panel.draft_stopped"), icon=":material/stop_circle:")
    for kind in DRAFT_FIELDS:
        _draft_result(concept, kind)


def _stopped() -> None:
    st.session_state[_state_key("value", "draft_stopped")] = True


def _draft_result(concept: Any, kind: str) -> None:
    state = st.session_state.get(_state_key("value", f"draft.{kind}"))
    if not state or state["concept"] != concept.id:
        return
    _, attr, label_key = DRAFT_FIELDS[kind]
    with st.container(border=True):
        st.text_area(t(f"ai.panel.draft_result_{kind}"), key=f"ai_draft_edit_{kind}",
                     height=180)
        _usage_caption("value", f"draft.{kind}")
        if st.session_state.get(_state_key("value", f"confirm.{kind}")):
            st.warning(t("ai.panel.replace_warning", field=t(label_key)),
                       icon=":material/warning:")
            row = st.container(horizontal=True)
            row.button(t("ai.panel.replace_yes"), key=f"ai_draft_replace_{kind}",
                       on_click=_use_draft, args=(kind, True), type="primary")
            row.button(t("common.cancel"), key=f"ai_draft_cancel_{kind}",
                       on_click=lambda: st.session_state.pop(
                           _state_key("value", f"confirm.{kind}"), None))
        else:
            row = st.container(horizontal=True)
            row.button(t("ai.panel.use_draft"), key=f"ai_draft_use_{kind}",
                       on_click=_use_draft, args=(kind, False), type="primary",
                       icon=":material/check:")
            row.button(t("ai.panel.draft_discard"), key=f"ai_draft_discard_{kind}",
                       on_click=_discard_draft, args=(kind,))


def _discard_draft(kind: str) -> None:
    st.session_state.pop(_state_key("value", f"draft.{kind}"), None)
    st.session_state.pop(_state_key("value", f"confirm.{kind}"), None)
    st.session_state.pop(f"ai_draft_edit_{kind}", None)


def _use_draft(kind: str, confirmed: bool) -> None:
    concept = current_concept()
    state = st.session_state.get(_state_key("value", f"draft.{kind}"))
    if concept is None or not state or state["concept"] != concept.id:
        return
    _, attr, label_key = DRAFT_FIELDS[kind]
    owner = _draft_owner(concept, kind)
    text = str(st.session_state.get(f"ai_draft_edit_{kind}", state["text"]) or "").strip()
    if not text:
        return
    if getattr(owner, attr).strip() and not confirmed:
        st.session_state[_state_key("value", f"confirm.{kind}")] = True
        return
    try:
        setattr(owner, attr, text)
        mark_draft(concept, kind, text, state.get("model") or current_settings().model)
    except ValidationError:
        st.session_state[_state_key("value", "draft_flash")] = t("common.value_refused")
        return
    save_current()
    refresh_widgets()
    _discard_draft(kind)
    st.session_state[_state_key("value", "draft_flash")] = t("ai.panel.draft_used",
                                                       field=t(label_key))
