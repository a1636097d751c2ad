"""Tests for the spaCy pipeline builder and the entity patterns it compiles."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
import yaml
from spacy.language import Language

from nlu_pipeline.build_spacy_pipeline import (
    DEFAULT_PATTERNS_FILE,
    FINGERPRINT_FILE_NAME,
    IGNORE_LABEL,
    PIPELINE_NAME,
    PIPELINE_VERSION,
    PatternFileError,
    build_pipeline,
    compute_fingerprint,
    load_patterns,
    main,
    write_pipeline,
)

Found = set[tuple[str, str]]


def found(nlp: Language, text: str) -> Found:
    """(label, value) pairs as the Rasa extractor reports them: the id, else the text."""
    return {
        (ent.label_, ent.ent_id_ or ent.text)
        for ent in nlp(text).ents
        if ent.label_ != IGNORE_LABEL
    }


ENTITY_CASES: list[tuple[str, Found]] = [
    # condition synonyms, plurals, casing and typos all normalise to one id
    (
        "Slipped discs in my lower back",
        {("condition", "herniated_disc"), ("body_part", "lower_back")},
    ),
    ("I was told I have a herniated disk", {("condition", "herniated_disc")}),
    ("MRI showed a disc bulge", {("condition", "herniated_disc")}),
    ("the doctor said it's a Prolapsed Disc", {("condition", "herniated_disc")}),
    ("I think I have a herniatd disc", {("condition", "herniated_disc")}),
    (
        "the scan said degenerative changes in the discs",
        {("condition", "degenerative_disc_disease")},
    ),
    ("hernia disc what do", {("condition", "herniated_disc")}),
    ("they found a hernia in my lower back", {("condition", "herniated_disc")}),
    ("I've had sciatica for years", {("condition", "sciatica"), ("duration", "for years")}),
    ("pinched nerve down my leg", {("condition", "sciatica"), ("body_part", "leg")}),
    ("sciatia in my left buttock", {("condition", "sciatica"), ("body_part", "buttock")}),
    (
        "Spinal Stenosis, sore since March",
        {("condition", "spinal_stenosis"), ("duration", "since March")},
    ),
    ("they found narrowing of the spinal canal", {("condition", "spinal_stenosis")}),
    ("is stenossis serious", {("condition", "spinal_stenosis")}),
    ("osteoarthritis in both knees", {("condition", "osteoarthritis"), ("body_part", "knee")}),
    (
        "wear and tear arthritis, 7 out of 10 most days",
        {("condition", "osteoarthritis"), ("severity", "7 out of 10")},
    ),
    ("arthritis in my spine", {("condition", "osteoarthritis")}),
    ("my mum has arthritis in her spine", {("condition", "osteoarthritis")}),
    # another kind of arthritis in the back is that kind, not osteoarthritis
    (
        "does exercise help rheumatoid arthritis in the back",
        {("condition", "rheumatoid_arthritis")},
    ),
    ("osteoarthritus", {("condition", "osteoarthritis")}),
    (
        "ok and can osteo affect the back too",
        {("condition", "osteoarthritis"), ("body_part", "back")},
    ),
    ("should I see an osteopath", set()),
    ("my GP mentioned DDD", {("condition", "degenerative_disc_disease")}),
    (
        "degenerative disc disease in my neck",
        {("condition", "degenerative_disc_disease"), ("body_part", "neck")},
    ),
    (
        "worn discs and weakness in my legs",
        {
            ("condition", "degenerative_disc_disease"),
            ("symptom", "weakness"),
            ("body_part", "leg"),
        },
    ),
    # body parts and symptoms
    ("pins and needles in my feet", {("symptom", "tingling"), ("body_part", "foot")}),
    ("my hands go numb", {("body_part", "hand"), ("symptom", "numbness")}),
    (
        "lost feeling in my thigh and groin",
        {("symptom", "numbness"), ("body_part", "thigh"), ("body_part", "groin")},
    ),
    (
        "Tingling in my arms and hands",
        {("symptom", "tingling"), ("body_part", "arm"), ("body_part", "hand")},
    ),
    ("my knee keeps giving way", {("body_part", "knee"), ("symptom", "weakness")}),
    (
        "I can't lift my arm above my shoulder",
        {("symptom", "weakness"), ("body_part", "arm"), ("body_part", "shoulder")},
    ),
    ("pain between my shoulder blades", {("body_part", "upper_back")}),
    # a nerve and muscle condition whose name sounds like the spine's
    ("what is spinal muscular atrophy?", {("condition", "neuromuscular")}),
    # durations keep their text
    (
        "my lower back has hurt for 3 weeks",
        {("body_part", "lower_back"), ("duration", "3 weeks")},
    ),
    (
        "hip pain for a couple of weeks",
        {("body_part", "hip"), ("duration", "a couple of weeks")},
    ),
    (
        "my neck has been stiff for a few months",
        {("body_part", "neck"), ("duration", "a few months")},
    ),
    ("it started 2 days ago", {("duration", "2 days")}),
    ("about a month now", {("duration", "a month")}),
    ("three weeks, maybe 6 wks", {("duration", "three weeks"), ("duration", "6 wks")}),
    ("it's been like this since last week", {("duration", "since last week")}),
    ("on and off for ages", {("duration", "for ages")}),
    ("2-3 weeks", {("duration", "2-3 weeks")}),
    # severities keep their text
    ("pain is 8/10", {("severity", "8/10")}),
    ("mild ache in my upper back", {("severity", "mild"), ("body_part", "upper_back")}),
    ("really bad pain in my hips", {("severity", "really bad"), ("body_part", "hip")}),
    ("Excruciating, 10/10", {("severity", "Excruciating"), ("severity", "10/10")}),
    ("agonizing pain in my spine", {("severity", "agonizing"), ("body_part", "spine")}),
    ("it's 8 of 10 today and unbearable", {("severity", "8 of 10"), ("severity", "unbearable")}),
]


@pytest.mark.parametrize(("text", "expected"), ENTITY_CASES)
def test_entities_are_found_and_normalised(nlp: Language, text: str, expected: Found) -> None:
    assert found(nlp, text) == expected


NEAR_MISS_CASES: list[tuple[str, Found]] = [
    # "disc" alone is not a condition
    ("I read a disc jockey article", set()),
    # a body part alone is not a condition
    ("my back", {("body_part", "back")}),
    # "back" that is not a body part
    ("Can you call me back tomorrow?", set()),
    ("I'll come back next week", set()),
    ("on the other hand it is fine", set()),
    # numbers with time units that are ages or frequencies, not durations
    ("I'm 45 years old", set()),
    ("I take it twice a day", set()),
    ("3 times a day", set()),
    # other arthritis is not osteoarthritis; a hernia is not a disc: both are named, as
    # conditions the article does not cover, for the scope gate
    ("my mum has rheumatoid arthritis", {("condition", "rheumatoid_arthritis")}),
    ("I have a hernia", {("condition", "hernia")}),
    ("the nerve test was fine", set()),
    # "not too bad" is kept whole rather than read as "bad"
    ("not too bad today", {("severity", "not too bad")}),
]


@pytest.mark.parametrize(("text", "expected"), NEAR_MISS_CASES)
def test_near_misses_find_only_what_they_should(nlp: Language, text: str, expected: Found) -> None:
    assert found(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        ("my discs hurt", "discs", "disc"),
        ("my discs hurt", "hurt", "hurt"),
        ("pins and needles in my feet", "feet", "foot"),
        ("pins and needles in my feet", "needles", "needle"),
        ("both knees", "knees", "knee"),
        ("it hurts", "hurts", "hurt"),
        ("it was worse", "was", "be"),
    ],
)
def test_lemmas_come_from_the_lookup_tables(
    nlp: Language, text: str, word: str, lemma: str
) -> None:
    tokens = {token.text: token.lemma_ for token in nlp(text)}
    assert tokens[word] == lemma


def test_every_phrase_matches_itself_whole_with_its_label_and_id(nlp: Language) -> None:
    """No phrase is shadowed by another pattern or split by the tokenizer differently."""
    mismatches = []
    for pattern in load_patterns(DEFAULT_PATTERNS_FILE):
        if not isinstance(pattern["pattern"], str):
            continue
        doc = nlp(pattern["pattern"])
        got = [(ent.start, ent.end, ent.label_, ent.ent_id_) for ent in doc.ents]
        want = [(0, len(doc), pattern["label"], pattern.get("id", ""))]
        if got != want:
            mismatches.append((pattern["pattern"], got, want))
    assert mismatches == []


def test_patterns_file_has_the_agreed_labels_and_ids() -> None:
    ids: dict[str, set[str]] = {}
    for pattern in load_patterns(DEFAULT_PATTERNS_FILE):
        ids.setdefault(pattern["label"], set()).add(pattern.get("id", ""))
    assert {
        "herniated_disc",
        "sciatica",
        "spinal_stenosis",
        "osteoarthritis",
        "degenerative_disc_disease",
    } | {
        "aortic_stenosis",
        "rheumatoid_arthritis",
        "spondylolisthesis",
        "discitis",
        "kidney",
        "bowel",
    } <= ids["condition"]
    assert ids["symptom"] == {"numbness", "tingling", "weakness"}
    assert {"lower_back", "upper_back", "back", "spine", "neck", "hip", "leg", "foot"} <= ids[
        "body_part"
    ]
    assert ids["duration"] == {""}
    assert ids["severity"] == {""}
    assert ids[IGNORE_LABEL] == {""}


def test_built_directory_loads_with_spacy_and_reports_its_meta(
    pipeline_dir: Path, nlp: Language
) -> None:
    assert nlp.meta["name"] == PIPELINE_NAME
    assert nlp.meta["version"] == PIPELINE_VERSION
    assert nlp.pipe_names == ["entity_ruler", "lemmatizer"]
    assert nlp.path == pipeline_dir
    info = spacy.info(str(pipeline_dir))
    assert isinstance(info, dict)
    assert info["name"] == PIPELINE_NAME
    assert spacy.util.is_compatible_version(spacy.__version__, info["spacy_version"])


def test_built_directory_loads_with_rasas_spacy_nlp(pipeline_dir: Path) -> None:
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    model = SpacyNLP.load_model(str(pipeline_dir))
    SpacyNLP.ensure_proper_language_model(model.model)
    assert model.model.meta["name"] == PIPELINE_NAME


def test_fingerprint_file_matches_the_sources(pipeline_dir: Path) -> None:
    written = (pipeline_dir / FINGERPRINT_FILE_NAME).read_text(encoding="utf-8").strip()
    assert written == compute_fingerprint(DEFAULT_PATTERNS_FILE)
    assert len(written) == 64


def test_fingerprint_changes_when_the_patterns_change(tmp_path: Path) -> None:
    edited = tmp_path / "patterns.yml"
    edited.write_text(DEFAULT_PATTERNS_FILE.read_text(encoding="utf-8") + "\n# edited\n")
    assert compute_fingerprint(edited) != compute_fingerprint(DEFAULT_PATTERNS_FILE)


def test_check_reports_up_to_date_and_stale(pipeline_dir: Path, tmp_path: Path) -> None:
    assert main([str(pipeline_dir), "--check"]) == 0
    edited = tmp_path / "patterns.yml"
    edited.write_text(DEFAULT_PATTERNS_FILE.read_text(encoding="utf-8") + "\n# edited\n")
    assert main([str(pipeline_dir), "--check", "--patterns", str(edited)]) == 1
    assert main([str(tmp_path / "never_built"), "--check"]) == 1


def test_main_builds_a_loadable_pipeline_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    output_dir = tmp_path / "out" / "spacy_pipeline"
    assert main([str(output_dir)]) == 0
    printed = capsys.readouterr().out
    assert str(output_dir) in printed
    assert str(output_dir / FINGERPRINT_FILE_NAME) in printed
    assert spacy.load(output_dir).meta["name"] == PIPELINE_NAME
    assert main([str(output_dir), "--check"]) == 0


def test_rebuild_replaces_the_previous_build_without_leftovers(tmp_path: Path) -> None:
    output_dir = tmp_path / "spacy_pipeline"
    nlp = build_pipeline(DEFAULT_PATTERNS_FILE)
    write_pipeline(nlp, output_dir, "old")
    (output_dir / "stale.txt").write_text("left over")
    write_pipeline(nlp, output_dir, "new")
    assert not (output_dir / "stale.txt").exists()
    assert (output_dir / FINGERPRINT_FILE_NAME).read_text().strip() == "new"
    assert [path.name for path in tmp_path.iterdir()] == ["spacy_pipeline"]


def test_write_refuses_to_replace_a_directory_it_did_not_build(tmp_path: Path) -> None:
    output_dir = tmp_path / "precious"
    output_dir.mkdir()
    (output_dir / "notes.txt").write_text("keep me")
    with pytest.raises(FileExistsError):
        write_pipeline(spacy.blank("en"), output_dir, "x")
    assert (output_dir / "notes.txt").read_text() == "keep me"


GOOD_ENTRY = {"id": "sciatica", "phrases": ["sciatica"]}


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (["not", "a", "mapping"], "expected a mapping"),
        ({"labels": {}}, "'labels' must map"),
        ({"labels": {"condition": [GOOD_ENTRY]}, "extra": 1}, "unknown top-level keys"),
        ({"labels": {"Condition": [GOOD_ENTRY]}}, "bad label name"),
        ({"labels": {"ignore": [GOOD_ENTRY]}}, "bad label name"),
        ({"labels": {"condition": []}}, "non-empty list"),
        ({"labels": {"condition": ["sciatica"]}}, "expected a mapping with 'phrases'"),
        ({"labels": {"condition": [{"id": "x", "phrase": ["y"]}]}}, "unknown keys"),
        ({"labels": {"condition": [{"id": "Sciatica", "phrases": ["y"]}]}}, "lower_snake_case"),
        ({"labels": {"condition": [GOOD_ENTRY, GOOD_ENTRY]}}, "listed twice"),
        ({"labels": {"condition": [{"id": "x"}]}}, "needs 'phrases' or 'token_patterns'"),
        ({"labels": {"condition": [{"id": "x", "phrases": "y"}]}}, "must be lists"),
        ({"labels": {"symptom": [{"id": "numbness", "phrases": [False]}]}}, "quote it"),
        (
            {
                "labels": {
                    "condition": [
                        {"id": "sciatica", "phrases": ["pinched nerve"]},
                        {"id": "spinal_stenosis", "phrases": ["Pinched  Nerve"]},
                    ]
                }
            },
            "already listed under condition 'sciatica'",
        ),
        (
            {"labels": {"duration": [{"token_patterns": [["3", "weeks"]]}]}},
            "must be a list of mappings",
        ),
        (
            {"labels": {"condition": [GOOD_ENTRY]}, "ignore": [{"id": "x", "phrases": ["y"]}]},
            "take no 'id'",
        ),
    ],
)
def test_malformed_pattern_files_are_refused(
    tmp_path: Path, document: object, message: str
) -> None:
    patterns_file = tmp_path / "patterns.yml"
    patterns_file.write_text(yaml.safe_dump(document))
    with pytest.raises(PatternFileError, match=message):
        load_patterns(patterns_file)


def test_yaml_no_is_caught_rather_than_matched_as_false(tmp_path: Path) -> None:
    patterns_file = tmp_path / "patterns.yml"
    patterns_file.write_text("labels:\n  symptom:\n    - id: numbness\n      phrases: [no]\n")
    with pytest.raises(PatternFileError, match="quote it"):
        load_patterns(patterns_file)


def test_main_reports_a_bad_patterns_file_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    patterns_file = tmp_path / "patterns.yml"
    patterns_file.write_text("labels: {}\n")
    assert main([str(tmp_path / "out"), "--patterns", str(patterns_file)]) == 2
    assert "error:" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_an_artery_named_beside_stenosis_is_a_condition_the_article_does_not_cover(
    nlp: Language,
) -> None:
    doc = nlp("stenosis in my carotid artery, is that like spinal stenosis")
    found = {(ent.text, ent.ent_id_) for ent in doc.ents}
    assert ("stenosis in my carotid artery", "aortic_stenosis") in found
    assert ("spinal stenosis", "spinal_stenosis") in found
