""""Take into the concept": the notes and clusters the facilitator chose on a live session's
wall become the concept's items, each marked as coming from the workshop (`LiveMark`: the
session's code and the date). Nothing unchosen enters. No streamlit here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from concept import workshop as ws
from concept.live import STAGE, TOOL_AREAS, Cluster, Note, Session
from concept.model import (
    Concept,
    EmpathyMap,
    EverydayLife,
    Gain,
    ImageResponse,
    Job,
    LiveMark,
    Pain,
    ParkingLotItem,
    StopItem,
    Touchpoint,
)

NEW = "new"  # the target choice that makes a new empathy map or everyday-life entry


@dataclass(frozen=True)
class Targets:
    """Where the chosen notes go when the activity's tool has more than one place."""

    empathy_map: str = NEW  # an empathy map's id, or NEW
    everyday_life: str = NEW  # an everyday-life entry's id, or NEW
    profile: str = ""  # the profile that takes jobs, pains and gains ("" = none: not taken)


@dataclass(frozen=True)
class Piece:
    """One thing to take: a note's text, or a cluster's name (or its notes, for the three-year
    image, whose answers keep their group)."""

    source_id: str
    item_id: str  # the agenda item (activity) it was written in
    area: str
    text: str
    group: str = ""
    author: str = ""


def pieces(session: Session, note_ids: list[str], cluster_ids: list[str],
           tool_of: dict[str, str]) -> list[Piece]:
    """The chosen notes and clusters as pieces, in wall order; a cluster of three-year-image
    answers gives its notes (with the cluster's name as their group)."""
    out: list[Piece] = []
    chosen_notes = [session.notes[n] for n in note_ids
                    if n in session.notes and n not in session.removed]
    for cid in cluster_ids:
        cluster: Cluster | None = session.clusters.get(cid)
        if cluster is None:
            continue
        if tool_of.get(cluster.item_id) == "image_goal":
            for note in session.cluster_notes(cid):
                if note.id not in note_ids:
                    out.append(_piece(session, note, group=cluster.name))
        else:
            out.append(Piece(cid, cluster.item_id, cluster.area, cluster.name))
    for note in chosen_notes:
        cluster = session.clusters.get(session.cluster_of.get(note.id, ""))
        out.append(_piece(session, note, group=cluster.name if cluster else ""))
    return out


def _piece(session: Session, note: Note, group: str = "") -> Piece:
    return Piece(note.id, note.item_id, note.area, note.text, group,
                 session.participants.get(note.pid, ""))


def take(concept: Concept, session: Session, chosen: list[Piece], targets: Targets,
         tool_of: dict[str, str], today: date) -> list[Piece]:
    """Put the chosen pieces into the concept; the pieces taken (a piece with nowhere to go,
    such as a pain without a profile, is left out and stays on the wall)."""
    taken: list[Piece] = []
    workshop = concept.workshop
    made: dict[str, object] = {}  # a new map or entry is made once per take

    def mark(target: str, owner: str, item_id: str, text: str) -> None:
        workshop.live_marks.append(LiveMark(session=session.code, date=today.isoformat(),
                                            target=target, owner=owner, item_id=item_id,
                                            text=text))

    for piece in chosen:
        tool = tool_of.get(piece.item_id, "")
        text = piece.text
        if piece.area == "park":
            item = ParkingLotItem(text=text, raised_in_step=ws.PAGE_OF.get(tool, tool))
            concept.parking_lot.append(item)
            mark("parking_lot", "", item.id, text)
        elif piece.area == "stop":
            stop = StopItem(text=text, raised_in_step=ws.PAGE_OF.get(tool, tool))
            concept.stop_list.append(stop)
            mark("stop_list", "", stop.id, text)
        elif tool == "empathy_map" and piece.area in TOOL_AREAS["empathy_map"]:
            found = _chosen_or_new(concept.toolbox.empathy_maps, targets.empathy_map, made,
                                   "empathy_map", lambda: EmpathyMap(
                                       persona_label=f"{session.code} {today.isoformat()}"))
            getattr(found, piece.area).append(text)
            mark(f"empathy_map.{piece.area}", found.id, "", text)
        elif tool == "everyday_life" and piece.area in TOOL_AREAS["everyday_life"]:
            found = _chosen_or_new(concept.toolbox.everyday_life, targets.everyday_life, made,
                                   "everyday_life", EverydayLife)
            getattr(found, piece.area).append(text)
            mark(f"everyday_life.{piece.area}", found.id, "", text)
        elif tool == "image_goal" and piece.area in ("always", "never"):
            response = ImageResponse(kind=piece.area, text=text, group=piece.group)
            concept.toolbox.image_goal.responses.append(response)
            mark("image_goal", "", response.id, text)
        elif tool == "profiles" and piece.area in TOOL_AREAS["profiles"]:
            profile = concept.profile(targets.profile) if targets.profile else None
            if profile is None:
                continue
            kind = {"jobs": Job, "pains": Pain, "gains": Gain}[piece.area]
            entry = kind(text=text)
            getattr(profile, piece.area).append(entry)
            mark(f"profile.{piece.area}", profile.id, entry.id, text)
        elif tool == "journey" and piece.area.startswith(STAGE):
            stage_id = piece.area[len(STAGE):]
            journey = next((j for j in concept.journeys
                            if any(s.id == stage_id for s in j.stages)), None)
            if journey is None:
                continue
            touchpoint = Touchpoint(stage_id=stage_id, name=text)
            journey.touchpoints.append(touchpoint)
            mark("touchpoints", journey.id, touchpoint.id, text)
        else:
            note = ws.add_note(workshop, piece.item_id, text, piece.author or "live")
            if note is None:
                continue
            mark("workshop_notes", "", note.id, text)
        taken.append(piece)
    return taken


def _chosen_or_new(items: list, wanted: str, made: dict[str, object], kind: str, factory):
    found = next((item for item in items if item.id == wanted), None)
    if found is not None:
        return found
    if kind not in made:
        made[kind] = factory()
        items.append(made[kind])
    return made[kind]
