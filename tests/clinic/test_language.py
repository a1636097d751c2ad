import re
from pathlib import Path

import pytest
import yaml

from clinic.language import (
    FALLBACK_CODE,
    LanguageRepliesError,
    _lexicon,
    detect_language,
    load_replies,
    reply_for,
)
from clinic.settings import PROJECT_ROOT

REPLIES_FILE = PROJECT_ROOT / "clinic_config" / "languages.yml"

FOREIGN = {
    "es": [
        "Hola, tengo dolor de espalda desde hace dos semanas",
        "Me duele mucho la espalda cuando me siento",
        "Quiero pedir una cita con el médico",
        "¿Puedo cambiar mi cita para el lunes?",
        "¿Tienen citas disponibles esta semana?",
        "No hablo inglés, ¿hablan español?",
        "Necesito ayuda, tengo ciática",
        "¿Qué ejercicios puedo hacer para el dolor lumbar?",
        "Estoy embarazada y me duele la espalda",
        "hola necesito una cita por favor",
        "quiero cancelar mi cita del jueves",
        "cuanto cuesta una consulta?",
        "Quiero cambiar mi appointment",
    ],
    "fr": [
        "Bonjour, j'ai mal au dos depuis une semaine",
        "Je voudrais prendre rendez-vous",
        "Est-ce que je peux annuler mon rendez-vous ?",
        "Je ne parle pas anglais",
        "Quels exercices pour une hernie discale ?",
        "J'ai une douleur dans le bas du dos qui descend dans la jambe",
        "Vous parlez français ?",
        "Pouvez-vous m'aider s'il vous plaît",
        "Je suis enceinte et j\u2019ai mal au dos",
        "bonjour je voudrais un rendez vous",
        "est ce que vous avez un creneau mardi matin",
        "jai une sciatique depuis 2 semaines",
        "j\u2019ai mal au dos",
    ],
    "de": [
        "Guten Tag, ich habe starke Rückenschmerzen",
        "Ich möchte einen Termin vereinbaren",
        "Können Sie mir helfen?",
        "Ich spreche kein Englisch",
        "Mein Rücken tut seit zwei Wochen weh",
        "Was kann ich gegen Ischias machen?",
        "Haben Sie am Montag einen Termin frei?",
        "Sprechen Sie Deutsch?",
        "hallo ich habe seit drei tagen schmerzen im unteren rucken",
        "kann ich meinen termin absagen",
    ],
    "pt": [
        "Olá, estou com dor nas costas",
        "Gostaria de marcar uma consulta",
        "Não falo inglês",
        "Quais exercícios posso fazer para a dor lombar?",
        "Tenho uma hérnia de disco, o que devo fazer?",
        "Posso remarcar a minha consulta para sexta-feira?",
        "Vocês falam português?",
        "Minhas costas doem muito quando eu acordo",
        "oi tudo bem? preciso marcar uma consulta",
        "quero cancelar a minha consulta",
        "Bom dia, tenho dor lombar há um mês",
    ],
    "it": [
        "Buongiorno, ho mal di schiena da due settimane",
        "Vorrei prenotare un appuntamento",
        "Non parlo inglese",
        "Mi fa male la schiena quando sto seduto",
        "Posso spostare il mio appuntamento a lunedì?",
        "Che esercizi posso fare per la sciatica?",
        "Parlate italiano?",
        "Ho bisogno di aiuto per il dolore alla schiena",
        "ciao, vorrei un appuntamento per giovedi",
        "ho la sciatica da un mese, cosa posso fare?",
    ],
    "pl": [
        "Dzień dobry, boli mnie kręgosłup",
        "Chciałbym umówić wizytę u lekarza",
        "Nie mówię po angielsku",
        "Czy mogę zmienić termin wizyty?",
        "Od tygodnia bolą mnie plecy",
        "Jakie ćwiczenia na rwę kulszową?",
        "Czy mówicie po polsku?",
        "Mam ból pleców i nie mogę spać",
        "dzien dobry chcialbym sie umowic na wizyte",
        "chce odwolac wizyte",
    ],
    "nl": [
        "Goedemorgen, ik heb rugpijn",
        "Ik wil graag een afspraak maken",
        "Ik spreek geen Engels",
        "Mijn onderrug doet al twee weken pijn",
        "Kan ik mijn afspraak verzetten naar maandag?",
        "Welke oefeningen helpen tegen ischias?",
        "Spreekt u Nederlands?",
        "Ik heb een hernia, wat moet ik doen?",
        "hallo ik wil mijn afspraak afzeggen",
        "heeft u morgen nog plek?",
    ],
}

SCRIPTS = [
    ("أعاني من ألم في أسفل الظهر", "ar"),
    ("أريد حجز موعد", "ar"),
    ("مجھے کمر میں درد ہے", "ur"),
    ("کمرم درد می\u200ckند", "fa"),
    ("我的背很痛", "zh"),
    ("我想预约", "zh"),
    ("謝謝", "zh"),
    ("腰が痛いです", "ja"),
    ("予約をしたいです", "ja"),
    ("허리가 아파요", "ko"),
    ("Болит спина, хочу к врачу", "ru"),
    ("Я хочу записаться на приём", "ru"),
    ("да", "ru"),
    ("Мені болить спина", "uk"),
    ("Με πονάει η πλάτη μου", "el"),
    ("יש לי כאבי גב", "he"),
    ("मेरी पीठ में दर्द है", "hi"),
    ("আমার পিঠে ব্যথা", "bn"),
    ("ਮੇਰੀ ਪਿੱਠ ਦੁਖਦੀ ਹੈ", "pa"),
    ("મારી પીઠમાં દુખાવો છે", "gu"),
    ("எனக்கு முதுகு வலி", "ta"),
    ("ฉันปวดหลัง", "th"),
    ("Mon dos: 腰が痛いです、病院に行きたいです", "ja"),
]

ENGLISH = [
    # short answers and form values
    "ok",
    "no",
    "hi",
    "yes please",
    "7",
    "JPC-AB12CD",
    "Maria Lopez",
    "maria.lopez@gmail.com",
    "+44 7700 900123",
    "07700 900123",
    "",
    "   ",
    "?",
    "👍",
    "Tuesday 10am",
    "next week",
    # names with particles in other languages
    "Maria de la Cruz",
    "Juan Carlos de los Santos",
    "Jan van der Berg",
    "Ana dos Santos Silva",
    "Ursula von der Leyen",
    "Giulia Della Rosa",
    "Dolores Del Rio",
    "my name is Ana Maria Gonzalez",
    "Pierre Le Blanc",
    # English with one foreign word, or borrowed courtesies alone
    "gracias, my back hurts",
    "merci, see you on Monday",
    "danke, that helps",
    "Hola, I have back pain",
    "muchas gracias",
    "merci beaucoup",
    "hola",
    "bonjour",
    "si",
    "ciao",
    "c'est la vie",
    "I had a bandscheibenvorfall diagnosed in Germany",
    "My physio in Madrid said I have a hernia discal",
    "I'm Spanish, no hablo bien inglés, sorry",
    # English that shares words with other languages
    "can I come in on Tuesday per my email",
    "I'm 45, male, lower back pain for 3 weeks",
    "It was so bad I thought I would die",
    "I want to die the pain is so bad",
    "I bent down and my back went",
    "my heel and calf hurt with sciatica",
    "is co-codamol ok for back pain",
    "non-urgent appointment please",
    "I do pilates con mi amiga",
    "I live on Via Roma",
    # the patients' own questions
    "my lower back has been killing me since Tuesday",
    "Can I have an appointment on Monday at 10?",
    "I need to cancel my appointment",
    "what exercises help with a herniated disc?",
    "is ibuprofen or naproxen better for sciatica",
    "can you tell me the clinic's phone number",
    "I'd like to book in with the physio please",
    "I\u2019m in agony and can\u2019t sit, what\u2019s the earliest slot?",
]


@pytest.mark.parametrize(
    ("text", "code"), [(text, code) for code, texts in FOREIGN.items() for text in texts]
)
def test_messages_in_other_languages_are_recognised(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize(("text", "code"), SCRIPTS)
def test_other_scripts_are_recognised_by_their_letters(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ENGLISH)
def test_english_messages_stay_english(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize("text", ["ok 谢谢", "my name is Иван", "5 μg twice a day"])
def test_a_few_letters_of_another_script_do_not_make_a_message_foreign(text: str) -> None:
    assert detect_language(text) is None


def _training_messages() -> list[str]:
    """Every English example the assistant is trained and tested on."""
    files = [
        *sorted((PROJECT_ROOT / "data").rglob("*.yml")),
        PROJECT_ROOT / "tests/nlu/test_set.yml",
    ]
    texts = []
    for path in files:
        content = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in content.get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                if line.strip().startswith("- "):
                    texts.append(re.sub(r"\[([^\]]+)\][({][^)}]+[)}]", r"\1", line.strip()[2:]))
    return texts


def test_no_training_or_test_example_is_taken_for_another_language() -> None:
    texts = _training_messages()
    assert len(texts) > 1000
    assert [(text, detect_language(text)) for text in texts if detect_language(text)] == []


def test_every_weak_word_belongs_to_a_language() -> None:
    lexicon = _lexicon()
    assert sorted(word for word in lexicon.weak if word not in lexicon.languages_of) == []


def test_every_detected_language_has_its_own_reply() -> None:
    replies = load_replies(REPLIES_FILE)
    codes = {code for _, code in SCRIPTS} | set(FOREIGN)
    assert sorted(codes - set(replies)) == []


def test_the_clinics_replies_file_loads() -> None:
    replies = load_replies(REPLIES_FILE)
    assert replies[FALLBACK_CODE].startswith("Sorry, this assistant only understands English")
    assert all("{phone}" in reply for reply in replies.values())


def test_the_reply_is_in_the_patients_language_with_the_phone_number() -> None:
    replies = {"en": "Call {phone}.", "es": "Llame al {phone}."}
    assert reply_for("es", replies, "020 7946 0000") == "Llame al 020 7946 0000."


def test_a_language_without_a_reply_gets_the_english_one() -> None:
    replies = {"en": "Call {phone}.", "es": "Llame al {phone}."}
    assert reply_for("ta", replies, "020 7946 0000") == "Call 020 7946 0000."


def test_no_reply_and_no_english_fallback_is_an_error() -> None:
    with pytest.raises(LanguageRepliesError, match="'ta'"):
        reply_for("ta", {"es": "Llame al {phone}."}, "020 7946 0000")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("es: 'Llame al {phone}.'\n", "'en' is missing"),
        ("en: 'Call us.'\n", "must contain {phone}"),
        ("en: ''\n", "'en' is missing or empty"),
        ("en: ['Call {phone}']\n", "'en' is missing or empty"),
        ("en: 'Call {phone}.'\nno: 'Ring {phone}.'\n", "False is not a language code"),
        ("- 'Call {phone}.'\n", "expected language codes"),
        ("", "expected language codes"),
        ("en: [", "Cannot read"),
    ],
)
def test_a_broken_replies_file_says_what_is_wrong(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "languages.yml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LanguageRepliesError, match=re.escape(message)):
        load_replies(path)


def test_a_missing_replies_file_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(LanguageRepliesError, match=r"languages\.yml"):
        load_replies(tmp_path / "languages.yml")


@pytest.mark.parametrize(
    "text",
    [
        "Assalam o alaikum, meri kamar mein 2 hafte se bohat dard hai, kya karoon?",
        "assalam o alaikum, meri kamar mein bohat dard hai, kya main appointment le sakta hoon?",
    ],
)
def test_urdu_written_in_latin_letters(text: str) -> None:
    assert detect_language(text) == "ur"


@pytest.mark.parametrize("text", ["my back hurts since ramzan", "the main thing is the pain"])
def test_a_word_or_two_of_urdu_in_english_is_english(text: str) -> None:
    assert detect_language(text) is None
