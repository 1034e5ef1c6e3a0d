"""The concept and all its parts: the single source of truth of Konseptikone.

Every step, check, document and export is a function of a `Concept`. Field names are English;
what the user reads about them comes from the locale catalogs (`field.*` keys).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

# 2: a stop item's reason is empty until the user picks one (see transfer._migrate_1_to_2).
SCHEMA_VERSION = 2

# Upper bounds keep a hostile or broken file from exhausting memory; real text is far shorter.
MAX_TEXT = 100_000
MAX_ITEMS = 2_000
MAX_SHORT_TEXT = 300
# A two-hour interview is about 20,000 words (some 130,000 characters); room for twice that.
MAX_TRANSCRIPT = 400_000

Text = Annotated[str, Field(max_length=MAX_TEXT)]
# Names and headings; `Text` with a second Field would keep the looser limit.
ShortText = Annotated[str, Field(max_length=MAX_SHORT_TEXT)]
Scale5 = Annotated[int, Field(ge=1, le=5)]
Emotion = Annotated[int, Field(ge=-2, le=2)]


MAX_ID = 64
# Validation context of the store's own reads (`Concept.model_validate(data, context=...)`).
FROM_STORE = "from_store"
# What a concept id may look like (new_id() makes 12 hex digits). Ids name files in the store,
# so anything else (a 251-character or a `../` value from an address) is no concept at all.
_ID_SHAPE = re.compile(rf"[A-Za-z0-9_-]{{1,{MAX_ID}}}")


def new_id() -> str:
    return uuid.uuid4().hex[:12]


def is_valid_id(value: object) -> bool:
    """True for a string that can be a concept's id: 1-64 ASCII letters, digits, - or _."""
    return isinstance(value, str) and _ID_SHAPE.fullmatch(value) is not None


def utc_now() -> datetime:
    return datetime.now(UTC)


def ListOf(item: Any) -> Any:  # noqa: N802 - reads like a type
    return Annotated[list[item], Field(default_factory=list, max_length=MAX_ITEMS)]


StringList = ListOf(Text)
# The quotes (ids of `Quote`s in the interviews) behind an item; empty means an assumption.
QuoteIds = ListOf(Annotated[str, Field(max_length=MAX_ID)])

# Enumerations (methodology §3.2). Labels live in the catalogs under `enum.<name>.<value>`.
JobType = Literal["functional", "social", "emotional"]
PainType = Literal["undesired_outcome", "obstacle", "risk", "negative_emotion"]
GainType = Literal["required", "expected", "desired", "unexpected"]
ChannelType = Literal[
    "web", "app", "email", "phone", "chat", "social", "store", "field",
    "partner", "print", "event", "wom", "device", "other",
]
TouchpointKind = Literal["human", "digital", "physical", "communication"]
TouchpointOwner = Literal["own", "partner", "customer", "external"]
DevStatus = Literal["keep", "develop", "new", "remove"]
RelationshipType = Literal[
    "personal", "dedicated", "self_service", "automated", "community", "co_creation"
]
RelationshipDuration = Literal["one_off", "short", "medium", "long", "continuous"]
ContactFrequency = Literal["once", "yearly", "monthly", "weekly", "daily"]
PersonRole = Literal[
    "user", "buyer", "payer", "decider", "influencer", "gatekeeper", "close_person", "advisor",
    "other",
]
CompetitorType = Literal["direct", "indirect", "substitute", "do_nothing"]
AttributeClass = Literal["pop_category", "pop_competitive", "pod", "disadvantage", "neutral"]
ExperiencePattern = Literal["stable", "deepening", "changing"]
StopReason = Literal["off_topic", "against_strategy", "impossible", "other"]
ParkReason = Literal["unsolvable_now", "needs_investigation"]
ParkStatus = Literal["open", "resolved", "dropped"]
StopStatus = Literal["stopped", "reconsidered"]
ConceptStatus = Literal["draft", "final"]
ActionStatus = Literal["open", "in_progress", "done", "dropped"]
StatementTemplate = Literal["moore", "vpc", "short", "free"]


class Part(BaseModel):
    """Base of every stored part: unknown keys from newer files are ignored, ids are stable."""

    model_config = ConfigDict(extra="ignore", validate_assignment=True)


class Identified(Part):
    id: str = Field(default_factory=new_id, max_length=MAX_ID)


# --- Step 0: the idea ------------------------------------------------------------------------


class Hypothesis(Part):
    """Who the concept is for, what value it produces and how: asked at the start as a guess."""

    who: Text = ""
    what_value: Text = ""
    how: Text = ""


# --- Step 1: customer profiles ---------------------------------------------------------------


class Job(Identified):
    text: Text = ""
    type: JobType = "functional"
    importance: Scale5 = 3
    current_satisfaction: Scale5 | None = None
    quote_ids: QuoteIds
    # A source the user names (a survey, sales figures): evidence level "data".
    data_source: Text = ""


class Pain(Identified):
    text: Text = ""
    type: PainType | None = None
    severity: Scale5 = 3
    quote_ids: QuoteIds
    # A source the user names (a survey, sales figures): evidence level "data".
    data_source: Text = ""


class Gain(Identified):
    text: Text = ""
    type: GainType | None = None
    relevance: Scale5 = 3
    quote_ids: QuoteIds
    # A source the user names (a survey, sales figures): evidence level "data".
    data_source: Text = ""


class CustomerProfile(Identified):
    name: Text = ""
    summary: Text = ""
    experience_essentials: StringList
    jobs: ListOf(Job)
    pains: ListOf(Pain)
    gains: ListOf(Gain)
    business_importance: Scale5 = 3
    service_difficulty: Scale5 = 3
    is_primary: bool = False


# --- Step 2: customer journey ----------------------------------------------------------------


class JourneyStage(Identified):
    name: Text = ""
    customer_goal: Text = ""
    emotion: Emotion | None = None
    successes: StringList
    failures: StringList
    is_beyond_concept: bool = False
    # In a target journey started from the current one: the stage it was copied from.
    source_id: str = Field(default="", max_length=MAX_ID)


class Touchpoint(Identified):
    stage_id: str = ""
    name: Text = ""
    description: Text = ""
    channel: ChannelType | None = None
    kind: TouchpointKind | None = None
    owner: TouchpointOwner = "own"
    importance: Scale5 = 3
    dev_status: DevStatus = "keep"
    is_moment_of_truth: bool = False
    purchase_stage_keys: ListOf(str)
    horizon_ids: ListOf(str)
    involved_roles: ListOf(PersonRole)
    # In a target journey started from the current one: the touchpoint it was copied from.
    source_id: str = Field(default="", max_length=MAX_ID)
    quote_ids: QuoteIds
    # A source the user names (a survey, sales figures): evidence level "data".
    data_source: Text = ""


JourneyKind = Literal["target", "current"]


class Journey(Identified):
    """One profile's journey, the target (designed) or the current one (mapped from interviews);
    stages are ordered, touchpoints point at a stage."""

    profile_id: str = ""
    kind: JourneyKind = "target"
    # A target journey started from the current one: that current journey's id.
    based_on_id: str = Field(default="", max_length=MAX_ID)
    entry_point: Text = ""
    scope_start: Text = ""
    scope_end: Text = ""
    stages: ListOf(JourneyStage)
    touchpoints: ListOf(Touchpoint)


# --- Step 3: purchase process ----------------------------------------------------------------

DEFAULT_PURCHASE_STAGE_KEYS = ("need", "search", "evaluate", "decide", "post")


class PurchaseStage(Part):
    key: str = Field(default_factory=new_id, max_length=64)
    # An empty label means "use the catalog's default label for this key" in the chosen language.
    label: Text = ""
    info_needs: Text = ""
    decision_makers: ListOf(PersonRole)
    triggers_to_next: Text = ""
    drop_off_risks: Text = ""


def default_purchase_stages() -> list[PurchaseStage]:
    return [PurchaseStage(key=key) for key in DEFAULT_PURCHASE_STAGE_KEYS]


class PurchaseProcess(Part):
    stages: ListOf(PurchaseStage)
    notes: Text = ""

    def model_post_init(self, _context: Any) -> None:
        if not self.stages:
            self.stages = default_purchase_stages()


# --- Step 4: experience over time ------------------------------------------------------------

DEFAULT_HORIZON_KEYS = ("first_moments", "first_month", "first_year", "long_term")


class ExperienceHorizon(Identified):
    # `key` names a default horizon whose label comes from the catalog; custom ones use `label`.
    key: str = ""
    label: Text = ""
    essentials: StringList
    target_experience: Text = ""
    target_rating: Emotion | None = None
    delight_moments: StringList
    churn_risks: StringList


def default_horizons() -> list[ExperienceHorizon]:
    return [ExperienceHorizon(key=key) for key in DEFAULT_HORIZON_KEYS]


class ExperienceTimeline(Part):
    horizons: ListOf(ExperienceHorizon)
    intended_pattern: ExperiencePattern | None = None
    notes: Text = ""

    def model_post_init(self, _context: Any) -> None:
        if not self.horizons:
            self.horizons = default_horizons()


# --- Step 5: relationships -------------------------------------------------------------------


class PersonInvolved(Identified):
    role: PersonRole = "other"
    description: Text = ""
    influence: Scale5 = 3
    needs_own_touchpoints: bool = False


class Relationship(Part):
    types: ListOf(RelationshipType)
    closeness: Scale5 | None = None
    duration: RelationshipDuration | None = None
    contact_frequency: ContactFrequency | None = None
    rationale_for_value_proposition: Text = ""
    honesty_note: Text = ""
    people: ListOf(PersonInvolved)
    impact_on_journey: Text = ""
    impact_on_purchase: Text = ""


# --- Step 6: competitive edge ----------------------------------------------------------------


class Competitor(Identified):
    name: Text = ""
    type: CompetitorType = "direct"
    summary: Text = ""
    strengths: StringList
    weaknesses: StringList


class CompetitorScore(Part):
    competitor_id: str
    score: Scale5


class CompetitiveAttribute(Identified):
    name: Text = ""
    customer_importance: Scale5 = 3
    our_score: Scale5 = 3
    competitor_scores: ListOf(CompetitorScore)
    deliverability: Scale5 = 3
    defensibility: Scale5 = 3
    linked_gain_ids: ListOf(str)
    linked_pain_ids: ListOf(str)
    linked_job_ids: ListOf(str)
    # The user's own classification overrides the computed suggestion when set.
    classification_override: AttributeClass | None = None
    proof_points: StringList

    def score_for(self, competitor_id: str) -> int | None:
        for entry in self.competitor_scores:
            if entry.competitor_id == competitor_id:
                return entry.score
        return None


class CompetitiveAnalysis(Part):
    frame_of_reference: Text = ""
    competitors: ListOf(Competitor)
    attributes: ListOf(CompetitiveAttribute)
    category_threshold: Scale5 = 3
    what_if_no_concept: Text = ""


# --- Step 7: value proposition and concept description ---------------------------------------


class ProductService(Identified):
    name: Text = ""
    description: Text = ""
    job_ids: ListOf(str)


class PainReliever(Identified):
    text: Text = ""
    pain_ids: ListOf(str)
    touchpoint_ids: ListOf(str)


class GainCreator(Identified):
    text: Text = ""
    gain_ids: ListOf(str)
    touchpoint_ids: ListOf(str)


# The ten characteristics of a great value proposition (methodology §4.7, after Strategyzer);
# labels in the catalogs under `value.quality.<key>`.
QUALITY_CRITERIA = (
    "viable_model", "important_needs", "unsatisfied", "few_done_well", "beyond_functional",
    "customer_measures", "many_or_pay", "cares_about", "outperforms", "hard_to_copy",
)


class QualitySelfCheck(Part):
    """The value proposition's quality self-check: each criterion scored 1–5, None until scored."""

    viable_model: Scale5 | None = None
    important_needs: Scale5 | None = None
    unsatisfied: Scale5 | None = None
    few_done_well: Scale5 | None = None
    beyond_functional: Scale5 | None = None
    customer_measures: Scale5 | None = None
    many_or_pay: Scale5 | None = None
    cares_about: Scale5 | None = None
    outperforms: Scale5 | None = None
    hard_to_copy: Scale5 | None = None

    def scores(self) -> dict[str, int]:
        """The scored criteria, in the order of QUALITY_CRITERIA."""
        return {key: getattr(self, key) for key in QUALITY_CRITERIA
                if getattr(self, key) is not None}


class ValueProposition(Part):
    profile_id: str = ""
    products_services: ListOf(ProductService)
    pain_relievers: ListOf(PainReliever)
    gain_creators: ListOf(GainCreator)
    key_promise: Text = ""
    reasons_to_believe: StringList
    statement_template: StatementTemplate = "short"
    statement: Text = ""
    quality_self_check: QualitySelfCheck = Field(default_factory=QualitySelfCheck)


class Exclusion(Identified):
    text: Text = ""
    from_stop_item_id: str | None = None


class ConceptDescription(Part):
    """The final answers: who, what value, how, plus the short description and exclusions."""

    tagline: Text = ""
    category: Text = ""
    who: Text = ""
    what_value: Text = ""
    how: Text = ""
    differentiation: Text = ""
    exclusions: ListOf(Exclusion)
    short_description: Text = ""


# --- Facilitation: parking lot and stop list -------------------------------------------------


class ParkingLotItem(Identified):
    text: Text = ""
    raised_in_step: str = ""
    reason: ParkReason = "needs_investigation"
    owner: Text = ""
    due_date: str = ""  # ISO date; a string so an empty value stays possible
    status: ParkStatus = "open"
    resolution: Text = ""


class StopItem(Identified):
    text: Text = ""
    raised_in_step: str = ""
    reason: StopReason | None = None  # None: no reason chosen
    rationale: Text = ""
    status: StopStatus = "stopped"


# --- Development actions (methodology §6.3) --------------------------------------------------


class DevelopmentAction(Identified):
    """Something to do about the concept, often made from a finding with one click."""

    text: Text = ""
    owner: Text = ""
    priority: Scale5 = 3  # 5 = most urgent
    status: ActionStatus = "open"
    # Where it came from: the check's id, the step or tool to act in, and the finding it was made
    # from (so the same finding does not offer to make it twice). Empty for one typed in.
    source_check_id: str = Field(default="", max_length=16)
    source_step: str = Field(default="", max_length=64)
    source: str = Field(default="", max_length=1000)
    created_at: datetime = Field(default_factory=utc_now)


# --- Check again (methodology) ---------------------------------------------------


class StepReview(Part):
    """When a step was last looked at, and what its earlier steps held then (a fingerprint per
    earlier step's key), so a later change to them asks for the step to be checked again."""

    reviewed_at: datetime = Field(default_factory=utc_now)
    seen: Annotated[dict[str, Annotated[str, Field(max_length=64)]],
                    Field(default_factory=dict, max_length=50)]


# --- Side tools (workshop toolbox) -----------------------------------------------------------


class EmpathyMap(Identified):
    profile_id: str = ""
    persona_label: Text = ""
    situation: Text = ""
    experiences: StringList
    attitude_self_environment: StringList
    pain_points: StringList
    success_feelings: StringList
    # Which notes have been promoted into a profile, so the button is not offered twice.
    promoted: ListOf(str)


class EverydayLife(Identified):
    profile_id: str = ""
    habits: StringList
    constants: StringList
    new_products_services: StringList
    anxieties: StringList
    problems_to_solve: StringList


class ImageResponse(Identified):
    kind: Literal["always", "never"] = "always"
    text: Text = ""
    group: Text = ""


class ImageGoal(Part):
    horizon_years: int = Field(default=3, ge=1, le=20)
    responses: ListOf(ImageResponse)


class Stakeholder(Identified):
    name: Text = ""
    internal: bool = False
    importance: Scale5 = 3
    influence: Scale5 = 3
    interview_candidate: bool = False
    planned_interviews: int = Field(default=0, ge=0, le=10_000)
    notes: Text = ""


class DetailEvidence(Part):
    """The evidence behind one context-theme detail; details are plain texts, so by its text."""

    detail: Text = ""
    quote_ids: QuoteIds
    data_source: Text = ""


class ContextTheme(Identified):
    name: Text = ""
    details: StringList
    detail_evidence: ListOf(DetailEvidence)
    related_theme_ids: ListOf(str)
    handling: Literal["well", "difficult", "unknown"] = "unknown"
    other_actors: Text = ""


class StoryboardFrame(Identified):
    caption: Text = ""
    situation: Text = ""
    emotion: Emotion | None = None
    quote_ids: QuoteIds
    # A source the user names (a survey, sales figures): evidence level "data".
    data_source: Text = ""


class Storyboard(Identified):
    title: Text = ""
    frames: ListOf(StoryboardFrame)
    how_they_want_to_be_served: Text = ""


# --- Extended tools (methodology §5.9): channels, operating environment, positioning map -------


class ChannelRole(Identified):
    """What one channel does in the concept (§5.9.1)."""

    channel: ChannelType | None = None
    role: Text = ""
    business_importance: Scale5 = 3
    strengths: StringList


class EcosystemActor(Identified):
    """An actor of the operating environment and the roles it plays (§5.9.2)."""

    name: Text = ""
    roles: StringList
    is_new: bool = False
    notes: Text = ""


PositionKind = Literal["us_current", "us_target", "competitor", "other"]
Unit = Annotated[float, Field(ge=0.0, le=1.0)]


class PositionPoint(Identified):
    name: Text = ""
    kind: PositionKind = "competitor"
    x: Unit = 0.5
    y: Unit = 0.5


class PositioningMap(Part):
    """Two dimensions the customer tells the alternatives apart by, and who stands where
    (§5.9.3); 0 is the low end of an axis, 1 the high end."""

    x_label: Text = ""
    y_label: Text = ""
    points: ListOf(PositionPoint)


class Quote(Identified):
    """A passage of an interview's transcript or notes, as the interviewee said it."""

    text: Text = ""


class Interview(Identified):
    """One customer interview (methodology §5.4): who (a pseudonym only), from which stakeholder
    group of the stakeholder map, when, by whom, with consent, the transcript and its quotes."""

    pseudonym: ShortText = ""
    stakeholder_id: str = Field(default="", max_length=MAX_ID)
    date: str = Field(default="", max_length=MAX_SHORT_TEXT)  # ISO date; empty while planned
    interviewer: ShortText = ""
    consent: bool = False
    transcript: Annotated[str, Field(max_length=MAX_TRANSCRIPT)] = ""
    # Real names that appear in the transcript, kept out of anything sent to an AI server.
    names_to_hide: ListOf(ShortText)
    quotes: ListOf(Quote)


class Toolbox(Part):
    empathy_maps: ListOf(EmpathyMap)
    everyday_life: ListOf(EverydayLife)
    image_goal: ImageGoal = Field(default_factory=ImageGoal)
    stakeholders: ListOf(Stakeholder)
    context_themes: ListOf(ContextTheme)
    storyboards: ListOf(Storyboard)
    channel_roles: ListOf(ChannelRole)
    ecosystem: ListOf(EcosystemActor)
    positioning: PositioningMap = Field(default_factory=PositioningMap)
    interviews: ListOf(Interview)


# --- Workshop: the chosen recipe, the agenda, the run (methodology §8.3) ----------------------

WorkMode = Literal["", "all_together", "pairs_or_groups", "groups", "individual"]
BreakChoice = Literal["auto", "yes", "no"]
Minutes = Annotated[int, Field(ge=0, le=600)]


class AgendaItem(Identified):
    """One activity of the workshop's agenda: what is planned, and what actually happened."""

    tool: ShortText = ""  # a step or tool key (concept.toolbox.place)
    part: ShortText = ""  # a part of the tool's page, as the recipe names it
    mode: WorkMode = ""
    minutes: Minutes = 0  # planned work minutes (0: untimed, as in the guides)
    presentation: bool = False  # a presentation round follows
    break_after: BreakChoice = "auto"  # "auto": by the break rule; "yes"/"no" moves a break
    started_at: datetime | None = None
    finished_at: datetime | None = None
    elapsed_seconds: int = Field(default=0, ge=0)  # time the timer ran, pauses left out


class WorkshopNote(Identified):
    """A note fed to the run screen during an activity: typed by the facilitator now, sent by
    participants' devices once the live workshop comes (`source` names who)."""

    item_id: str = ""
    text: Text = ""
    source: ShortText = ""
    created_at: datetime = Field(default_factory=utc_now)


class LiveMark(Part):
    """An item the facilitator took into the concept from a live session's wall: where it went
    (as `AIMark`: the list, its owner, the item's id or text) and the session's code and date."""

    session: ShortText = ""  # the join code, as shown on the projector
    date: ShortText = ""  # ISO date of the take
    target: ShortText = ""
    owner: ShortText = ""
    item_id: ShortText = ""
    text: Text = ""


class Workshop(Part):
    recipe: ShortText = ""  # "": the full default path
    start_time: ShortText = "09:00"
    groups: int = Field(default=4, ge=1, le=50)
    presentation_minutes: int = Field(default=4, ge=0, le=60)
    break_every: int = Field(default=90, ge=15, le=600)
    break_minutes: int = Field(default=10, ge=0, le=120)
    items: ListOf(AgendaItem)
    current: int = Field(default=0, ge=0)
    # The countdown: running while `timer_started_at` is set; seconds banked before a pause.
    timer_started_at: datetime | None = None
    timer_banked: int = Field(default=0, ge=0)
    timer_extra_minutes: int = Field(default=0, ge=0, le=600)
    started_at: datetime | None = None
    finished_at: datetime | None = None
    baseline: dict[str, int] = Field(default_factory=dict)  # counts when the day began
    notes: ListOf(WorkshopNote)
    # The open live session's token (concept/live.py), "" when none; and what was taken from it.
    live_session: ShortText = ""
    live_marks: ListOf(LiveMark)


# --- The concept -----------------------------------------------------------------------------


class AIMark(Part):
    """Provenance of an item the AI wrote and the user added (concept/ai/provenance.py): where
    it is and its text as added. Once the user edits the text, the mark no longer applies."""

    source: Literal["ai"] = "ai"
    target: ShortText = ""  # a list of concept/ai/targets.py, or a drafted field
    owner: ShortText = ""  # the profile, stage, ... the list belongs to
    item_id: ShortText = ""  # the item's id, for items that have one
    text: Text = ""
    model: ShortText = ""
    added: datetime = Field(default_factory=utc_now)


class Person(Part):
    """A signed-in user as the team server knows them: `issuer` + `subject` (the OIDC `iss` and
    `sub` claims) identify them; e-mail and name are only shown. See concept/access.py."""

    issuer: ShortText = ""
    subject: ShortText = ""
    email: ShortText = ""
    name: ShortText = ""

    @property
    def key(self) -> str:
        """The owner key stored beside a concept (and in the PostgreSQL `owner` column)."""
        return owner_key(self.issuer, self.subject)


def owner_key(issuer: str, subject: str) -> str:
    # A space cannot occur in an issuer URL, so the pair is never ambiguous.
    return f"{issuer} {subject}" if issuer or subject else ""
class BriefSource(Part):
    """The consultant's brief a draft was made from (concept/ai/brief.py), kept as a background
    source the document cites. Empty until a draft is made from a brief."""

    text: Text = ""
    file_name: ShortText = ""  # the uploaded file's name; empty for pasted text
    added: datetime | None = None
    # Real names in the brief, kept out of anything sent to an AI server (concept/scrub.py).
    names_to_hide: ListOf(ShortText)


class Concept(Identified):
    schema_version: int = SCHEMA_VERSION
    revision: int = Field(default=0, ge=0)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)

    name: ShortText = ""
    industry: ShortText = ""
    author: ShortText = ""
    organisation: ShortText = ""
    status: ConceptStatus = "draft"
    # Why the concept is being made and what it should achieve (methodology §7 opens with them);
    # empty defaults, so files saved before them load unchanged.
    background: Text = ""
    objective: Text = ""
    idea: Hypothesis = Field(default_factory=Hypothesis)

    profiles: ListOf(CustomerProfile)
    journeys: ListOf(Journey)
    purchase_process: PurchaseProcess = Field(default_factory=PurchaseProcess)
    experience: ExperienceTimeline = Field(default_factory=ExperienceTimeline)
    relationship: Relationship = Field(default_factory=Relationship)
    competition: CompetitiveAnalysis = Field(default_factory=CompetitiveAnalysis)
    value_proposition: ValueProposition = Field(default_factory=ValueProposition)
    description: ConceptDescription = Field(default_factory=ConceptDescription)

    parking_lot: ListOf(ParkingLotItem)
    stop_list: ListOf(StopItem)
    toolbox: Toolbox = Field(default_factory=Toolbox)
    actions: ListOf(DevelopmentAction)
    # Step key → when it was last reviewed (see concept/recheck.py).
    reviews: Annotated[dict[str, StepReview], Field(default_factory=dict, max_length=50)]
    workshop: Workshop = Field(default_factory=Workshop)
    ai_marks: ListOf(AIMark)
    # The team server's owner and the author of the last save (see concept/access.py); None on
    # the single-user laptop, and in files saved before sign-in existed, so they load unchanged.
    # The time of that save is `updated_at`, which the store stamps.
    owner: Person | None = None
    last_changed_by: Person | None = None
    brief: BriefSource = Field(default_factory=BriefSource)

    @model_validator(mode="after")
    def _ids_are_unique(self, info: ValidationInfo) -> Concept:
        # Pages key their widgets and table rows by these ids, so two parts with one id crash
        # them (an edited or merged file). Checked when a concept is made or imported, not on
        # every field assignment while editing, and not when the store reads its own files: a
        # stored concept is better shown than moved aside.
        if info.field_name is None and not (info.context or {}).get(FROM_STORE):
            first_seen: dict[tuple[bool, str], tuple[str | int, ...]] = {}
            for where, is_key, part_id in _part_ids(self):
                if (is_key, part_id) in first_seen:
                    raise PydanticCustomError(
                        "duplicate_id", "id {id} is used twice",
                        {"id": part_id, "first": first_seen[is_key, part_id], "second": where})
                first_seen[is_key, part_id] = where
        return self

    # --- lookups used by several steps ---

    def primary_profile(self) -> CustomerProfile | None:
        for profile in self.profiles:
            if profile.is_primary:
                return profile
        return self.profiles[0] if self.profiles else None

    def profile(self, profile_id: str) -> CustomerProfile | None:
        return next((p for p in self.profiles if p.id == profile_id), None)

    def journey_for(self, profile_id: str, kind: JourneyKind = "target") -> Journey | None:
        return next((j for j in self.journeys
                     if j.profile_id == profile_id and j.kind == kind), None)

    def ensure_journey(self, profile_id: str, kind: JourneyKind = "target") -> Journey:
        journey = self.journey_for(profile_id, kind)
        if journey is None:
            journey = Journey(profile_id=profile_id, kind=kind)
            self.journeys.append(journey)
        return journey

    def target_journeys(self) -> list[Journey]:
        return [j for j in self.journeys if j.kind == "target"]

    def all_touchpoints(self) -> list[Touchpoint]:
        """The touchpoints of the target journeys: the ones the concept designs."""
        return [tp for journey in self.target_journeys() for tp in journey.touchpoints]

    def all_pains(self) -> list[Pain]:
        return [pain for profile in self.profiles for pain in profile.pains]

    def all_gains(self) -> list[Gain]:
        return [gain for profile in self.profiles for gain in profile.gains]

    def all_jobs(self) -> list[Job]:
        return [job for profile in self.profiles for job in profile.jobs]


def _part_ids(concept: Concept) -> Iterator[tuple[tuple[str | int, ...], bool, str]]:
    """(where, is a purchase stage key, id) of every identified part inside `concept` and of
    every purchase stage (whose key is its id)."""
    stack: list[tuple[tuple[str | int, ...], Part]] = [((), concept)]
    while stack:
        where, model = stack.pop()
        for name in type(model).model_fields:
            value = getattr(model, name)
            if isinstance(value, Part):
                stack.append(((*where, name), value))
            elif isinstance(value, list) and value and isinstance(value[0], Part):
                for index, item in enumerate(value):
                    place = (*where, name, index)
                    if isinstance(item, Identified):
                        yield place, False, item.id
                    elif isinstance(item, PurchaseStage):
                        yield place, True, item.key
                    stack.append((place, item))


def duplicate(concept: Concept, new_name: str) -> Concept:
    """A copy with a fresh id and revision; inner ids stay so links inside the copy still work."""
    copy = concept.model_copy(deep=True)
    copy.id = new_id()
    copy.name = new_name
    copy.revision = 0
    copy.created_at = copy.updated_at = utc_now()
    return copy
