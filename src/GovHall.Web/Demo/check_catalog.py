#!/usr/bin/env python3
"""Checks Demo/catalog.json against the rules the importer and the demo brief impose.

    python3 check_catalog.py            exit 0 and print a summary if everything holds, else list every problem

It mirrors ItemValidator (src/GovHall.Core/Catalog/ItemValidator.cs) and adds the demo rules:
the bureau's fixed credit code, the allowed departments and topics, basic-code kinds, files in
Demo/files matching their sha256, and the spread of kinds, applicants and online depths that
the list filters need.
"""
import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path
from xml.dom import minidom

HERE = Path(__file__).resolve().parent
CATALOG = HERE / "catalog.json"
FILES = HERE / "files"

CREDIT = "1131011200245871XF"
BUREAU = "上海市闵行区教育局"
DEPARTMENTS = {"行政审批科", "基础教育科", "人事科(教师工作科)", "民办教育管理科", "学前教育科", "校外教育科",
               "安全稳定办公室", "法规科"}
TOPICS = {"入学转学", "教师", "办学", "校外培训", "学前教育", "校车安全", "学生资助", "学籍", "申诉投诉"}
ROLES = {"申请人", "窗口受理", "审核", "审批"}
KIND_CODE = {"01": "License", "07": "Confirmation", "05": "Payment", "08": "Award", "09": "Adjudication",
             "10": "OtherPower", "20": "PublicService"}
ENUMS = {
    "kind": set(KIND_CODE.values()),
    "applicant": {"Person", "Organization"},
    "depth": {"Information", "Download", "PreReview", "OnlineAcceptance", "FullyOnline"},
    "unit": {"WorkingDays", "CalendarDays"},
    "basis": {"Establishing", "Implementing"},
    "mtype": {"Certificate", "Form", "Other"},
    "mform": {"Paper", "Electronic", "PaperAndElectronic"},
    "necessity": {"Required", "Optional", "Deferrable"},
    "source": {"Applicant", "Government", "Other"},
    "delivery": {"ElectronicCertificate", "Pickup", "Mail"},
    "result": {"Certificate", "ApprovalDocument", "Other"},
}
# Members of each object (camelCase of ItemContent.cs); the importer refuses unknown members.
KEYS = {
    "item": ({"code", "basicCode", "name", "kind", "topics", "keywords", "implementingBody", "legalBasis",
              "applicantTypes", "conditions", "situations", "materials", "steps", "statutoryLimit",
              "promisedLimit", "fees", "onlineDepth", "visitsRequired", "appointment", "delivery", "place",
              "contacts", "remedies", "result", "faqs"}, {"quantityLimit", "visitsNote", "form"}),
    "body": ({"name", "creditCode", "department"}, {"entrustedBy"}),
    "basis": ({"kind", "law", "article", "text"}, set()),
    "situation": ({"name", "materials"}, {"description"}),
    "material": ({"name", "type", "form", "originals", "copies", "necessity", "source"},
                 {"sourceNote", "requirements", "blankForm", "sample", "issuedCertificate", "maxFiles", "maxFileSizeMb",
                  "fileTypes", "providedOnline"}),
    "file": ({"fileName", "sha256"}, set()),
    "step": ({"name", "role", "timeLimit"}, {"description"}),
    "limit": ({"value", "unit"}, {"note"}),
    "fees": ({"charged", "items"}, set()),
    "fee": ({"name", "standard", "basis"}, set()),
    "appointment": ({"available"}, {"note"}),
    "place": ({"address", "hours"}, {"traffic"}),
    "contacts": ({"consultPhone", "complaintPhone"}, {"consultOnline", "complaintOnline"}),
    "remedies": ({"reviewBody", "litigationBody"}, set()),
    "result": ({"type", "name"}, {"sample"}),
    "faq": ({"question", "answer"}, set()),
}
GOV_NOTE_HINT = re.compile(r"免于提交|数据共享|电子证照|核验|核发|出具")
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
MAX_FILE = 20 * 1024

problems = []


def fail(where, message):
    problems.append(f"{where}: {message}")


def credit_code_ok(code):
    if len(code) != 18 or any(c not in ALPHABET for c in code):
        return False
    total = sum(ALPHABET.index(c) * w for c, w in zip(code[:17], WEIGHTS))
    return ALPHABET[(31 - total % 31) % 31] == code[17]


def text(where, value, max_len=200, required=True):
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            fail(where, "is empty")
        return
    if not isinstance(value, str):
        fail(where, "is not a string")
    elif len(value) > max_len:
        fail(where, f"longer than {max_len} characters")


def shape(where, obj, kind):
    if not isinstance(obj, dict):
        fail(where, f"should be an object ({kind})")
        return False
    required, optional = KEYS[kind]
    for key in required - obj.keys():
        fail(where, f"missing member '{key}'")
    for key in obj.keys() - required - optional:
        fail(where, f"unknown member '{key}' (the importer refuses it)")
    for key in optional & obj.keys():
        if obj[key] is None:
            fail(where, f"'{key}' is null; leave optional members out instead")
    return True


def enum(where, value, name):
    if value not in ENUMS[name]:
        fail(where, f"'{value}' is not one of {sorted(ENUMS[name])}")


def docx_ok(path):
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if names[:1] != ["[Content_Types].xml"] or "word/document.xml" not in names or "_rels/.rels" not in names:
                return "not a minimal WordprocessingML package"
            for name in names:
                minidom.parseString(archive.read(name))
            body = archive.read("word/document.xml").decode("utf-8")
            if "<w:tbl>" not in body or not re.search(r"[\u4e00-\u9fff]", body):
                return "document.xml lacks the Chinese title or the field table"
    except Exception as error:  # noqa: BLE001 - any failure to open or parse is the finding
        return f"cannot be read as .docx ({error})"
    return None


FILE_USES = {}


def file_ref(where, ref, role):
    if not shape(where, ref, "file"):
        return
    name, digest = ref.get("fileName", ""), ref.get("sha256", "")
    if not name or "/" in name or "\\" in name or len(name) > 200:
        fail(where, "fileName must be a plain file name")
        return
    if not re.fullmatch(r"[0-9a-f]{64}", digest or ""):
        fail(where, "sha256 must be 64 lowercase hex characters")
    path = FILES / name
    if not path.is_file():
        fail(where, f"{name} is not in Demo/files")
        return
    content = path.read_bytes()
    if hashlib.sha256(content).hexdigest() != digest:
        fail(where, f"sha256 does not match the bytes of {name} (run make_forms.py)")
    if len(content) >= MAX_FILE:
        fail(where, f"{name} is {len(content)} bytes; keep files under 20 KB")
    if not name.endswith(".docx"):
        fail(where, f"{name} should be a .docx")
    else:
        problem = docx_ok(path)
        if problem:
            fail(where, f"{name} {problem}")
    if role == "sample" and "示例" not in name and "样本" not in name:
        fail(where, f"{name} is used as a sample but is not named as one (示例样表 / 样本)")
    if role == "blank" and ("示例" in name or "样本" in name):
        fail(where, f"{name} is a sample, not a blank form")
    FILE_USES.setdefault(name, set()).add(role)


def limit(where, value, steps_allowed=True):
    if not shape(where, value, "limit"):
        return
    v = value.get("value")
    if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 365:
        fail(where, "value must be a whole number of days from 0 to 365")
    enum(where + ".unit", value.get("unit"), "unit")
    text(where + ".note", value.get("note"), 4000, required=False)


def materials(where, items):
    if not isinstance(items, list):
        fail(where, "should be a list")
        return
    for i, m in enumerate(items):
        at = f"{where}[{i}]"
        if not shape(at, m, "material"):
            continue
        text(at + ".name", m.get("name"))
        enum(at + ".type", m.get("type"), "mtype")
        enum(at + ".form", m.get("form"), "mform")
        enum(at + ".necessity", m.get("necessity"), "necessity")
        enum(at + ".source", m.get("source"), "source")
        for key in ("originals", "copies"):
            n = m.get(key)
            if not isinstance(n, int) or isinstance(n, bool) or not 0 <= n <= 20:
                fail(f"{at}.{key}", "must be a whole number from 0 to 20")
        if m.get("form") in ("Paper", "PaperAndElectronic") and m.get("originals", 0) + m.get("copies", 0) == 0:
            fail(at, "a paper material should say how many originals or copies")
        if m.get("source") == "Government" and not GOV_NOTE_HINT.search(m.get("sourceNote") or ""):
            fail(at + ".sourceNote", "a government-issued material should say how it is obtained (e.g. 可通过数据共享获取，免于提交)")
        text(at + ".requirements", m.get("requirements"), 4000, required=False)
        for key in ("maxFiles", "maxFileSizeMb"):
            n = m.get(key, 1)
            if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 20:
                fail(f"{at}.{key}", "must be a whole number from 1 to 20")
        if "fileTypes" in m:
            kinds = m["fileTypes"]
            if not isinstance(kinds, list) or not kinds or len(set(map(str, kinds))) != len(kinds) \
                    or any(k not in ("Pdf", "Jpeg", "Png") for k in kinds):
                fail(at + ".fileTypes", "must list Pdf, Jpeg or Png, at least one, none twice")
        if "providedOnline" in m:
            if m["providedOnline"] not in ("Form", "Declaration"):
                fail(at + ".providedOnline", "must be Form or Declaration")
            elif m.get("type") != "Form" or m.get("form") == "Paper" or m.get("source", "Applicant") != "Applicant":
                fail(at + ".providedOnline", "only an applicant's own electronic form (type Form) can be given by the online application")
        if "blankForm" in m:
            file_ref(at + ".blankForm", m["blankForm"], "blank")
        if "sample" in m:
            file_ref(at + ".sample", m["sample"], "sample")


def check_item(i, item, seen_codes, seen_basic, seen_names):
    where = f"items[{i}]"
    if not shape(where, item, "item"):
        return
    name = item.get("name", "")
    where = f"items[{i}] {name}"
    text(where + ".name", name)
    if name in seen_names:
        fail(where, "name repeats an earlier item")
    seen_names.add(name)

    kind = item.get("kind")
    enum(where + ".kind", kind, "kind")
    basic, code = item.get("basicCode", ""), item.get("code", "")
    if not re.fullmatch(r"\d{12}", basic):
        fail(where + ".basicCode", "must be exactly 12 digits")
    else:
        if not basic.startswith("00"):
            fail(where + ".basicCode", "must start with 00 (national catalogue)")
        if KIND_CODE.get(basic[2:4]) != kind:
            fail(where + ".basicCode", f"digits 3-4 '{basic[2:4]}' do not match kind {kind}")
        if basic in seen_basic:
            fail(where + ".basicCode", "repeats an earlier item")
        seen_basic.add(basic)
    if code != CREDIT + "4" + basic or len(code) != 31:
        fail(where + ".code", f"must be {CREDIT} + 4 + basicCode (31 characters)")
    if code in seen_codes:
        fail(where + ".code", "repeats an earlier item")
    seen_codes.add(code)

    body = item.get("implementingBody", {})
    if shape(where + ".implementingBody", body, "body"):
        if body.get("name") != BUREAU:
            fail(where + ".implementingBody.name", f"must be {BUREAU}")
        if body.get("creditCode") != CREDIT or not credit_code_ok(body.get("creditCode", "")):
            fail(where + ".implementingBody.creditCode", f"must be {CREDIT} with a valid check character")
        if body.get("department") not in DEPARTMENTS:
            fail(where + ".implementingBody.department", f"'{body.get('department')}' is not an allowed department")

    topics = item.get("topics", [])
    if not 1 <= len(topics) <= 3 or len(set(topics)) != len(topics) or not set(topics) <= TOPICS:
        fail(where + ".topics", f"1-3 distinct topics from {sorted(TOPICS)}")
    keywords = item.get("keywords", [])
    if not keywords:
        fail(where + ".keywords", "add search words users might type")
    for k, word in enumerate(keywords):
        text(f"{where}.keywords[{k}]", word, 20)
    if len(set(keywords)) != len(keywords):
        fail(where + ".keywords", "repeats a word")
    if "幼儿园" in name or "学前教育" in topics:
        if not {"幼儿园", "学前"} <= set(keywords):
            fail(where + ".keywords", "kindergarten items must include both 幼儿园 and 学前")

    bases = item.get("legalBasis", [])
    if not any(b.get("kind") == "Establishing" for b in bases if isinstance(b, dict)):
        fail(where + ".legalBasis", "needs at least one Establishing basis (设定依据)")
    for b, basis in enumerate(bases):
        at = f"{where}.legalBasis[{b}]"
        if not shape(at, basis, "basis"):
            continue
        enum(at + ".kind", basis.get("kind"), "basis")
        text(at + ".law", basis.get("law"))
        if not re.match(r"^《.+》", basis.get("law", "")):
            fail(at + ".law", "write the full name in 《》")
        text(at + ".article", basis.get("article"), 50)
        text(at + ".text", basis.get("text"), 4000)

    applicants = item.get("applicantTypes", [])
    if not applicants or len(set(applicants)) != len(applicants):
        fail(where + ".applicantTypes", "needs one or both of Person, Organization, without repeats")
    for a in applicants:
        enum(where + ".applicantTypes", a, "applicant")
    text(where + ".conditions", item.get("conditions"), 4000)
    text(where + ".quantityLimit", item.get("quantityLimit"), 4000, required=False)

    common = item.get("materials", [])
    materials(where + ".materials", common)
    situations = item.get("situations", [])
    for s, situation in enumerate(situations):
        at = f"{where}.situations[{s}]"
        if not shape(at, situation, "situation"):
            continue
        text(at + ".name", situation.get("name"))
        materials(at + ".materials", situation.get("materials", []))
        if not situation.get("materials") and not common:
            fail(at, "has no materials and there are no common materials")
    if not common and not situations:
        fail(where + ".materials", "needs at least one material")

    steps = item.get("steps", [])
    if len(steps) < 2:
        fail(where + ".steps", "needs at least two steps")
    for s, st in enumerate(steps):
        at = f"{where}.steps[{s}]"
        if not shape(at, st, "step"):
            continue
        text(at + ".name", st.get("name"))
        if st.get("role") not in ROLES:
            fail(at + ".role", f"'{st.get('role')}' is not one of {sorted(ROLES)}")
        limit(at + ".timeLimit", st.get("timeLimit", {}))

    statutory, promised = item.get("statutoryLimit", {}), item.get("promisedLimit", {})
    limit(where + ".statutoryLimit", statutory)
    limit(where + ".promisedLimit", promised)
    if statutory.get("unit") == promised.get("unit") and statutory.get("value", 0) > 0 \
            and promised.get("value", 0) > statutory.get("value", 0):
        fail(where + ".promisedLimit", "promised limit is longer than the statutory limit")
    staff = [st["timeLimit"] for st in steps if isinstance(st, dict) and st.get("role") != "申请人" and "timeLimit" in st]
    if promised.get("value") == 0 and any(t.get("value") for t in staff):
        fail(where + ".steps", "an on-the-spot item (promised 0) cannot have steps that take days")
    same_unit = [t.get("value", 0) for t in staff if t.get("unit") == promised.get("unit")]
    if promised.get("value", 0) > 0 and len(same_unit) == len(staff) and sum(same_unit) > promised["value"]:
        fail(where + ".steps", f"step limits add up to {sum(same_unit)}, more than the promised {promised['value']}")

    fees = item.get("fees", {})
    if shape(where + ".fees", fees, "fees"):
        if fees.get("charged") is True and not fees.get("items"):
            fail(where + ".fees", "a charged item needs fee items")
        if fees.get("charged") is False and fees.get("items"):
            fail(where + ".fees", "an uncharged item should have no fee items")
        for f, fee in enumerate(fees.get("items", [])):
            if shape(f"{where}.fees.items[{f}]", fee, "fee"):
                for key in ("name", "standard", "basis"):
                    text(f"{where}.fees.items[{f}].{key}", fee.get(key), 4000)

    depth, visits = item.get("onlineDepth"), item.get("visitsRequired")
    enum(where + ".onlineDepth", depth, "depth")
    if not isinstance(visits, int) or isinstance(visits, bool) or not 0 <= visits <= 5:
        fail(where + ".visitsRequired", "must be 0 to 5")
    elif depth == "FullyOnline" and visits != 0:
        fail(where + ".visitsRequired", "a fully online item needs 0 visits")
    elif visits > 0 and not (item.get("visitsNote") or "").strip():
        fail(where + ".visitsNote", "explain why the applicant must come in person")

    appointment = item.get("appointment", {})
    if shape(where + ".appointment", appointment, "appointment") and not isinstance(appointment.get("available"), bool):
        fail(where + ".appointment.available", "must be true or false")
    delivery = item.get("delivery", [])
    if not delivery or len(set(delivery)) != len(delivery):
        fail(where + ".delivery", "needs at least one way, without repeats")
    for d in delivery:
        enum(where + ".delivery", d, "delivery")

    place = item.get("place", {})
    if shape(where + ".place", place, "place"):
        text(where + ".place.address", place.get("address"))
        text(where + ".place.hours", place.get("hours"))
    contacts = item.get("contacts", {})
    if shape(where + ".contacts", contacts, "contacts"):
        text(where + ".contacts.consultPhone", contacts.get("consultPhone"), 50)
        text(where + ".contacts.complaintPhone", contacts.get("complaintPhone"), 50)
        if (contacts.get("consultPhone") or "").strip() == (contacts.get("complaintPhone") or "").strip():
            fail(where + ".contacts", "consult and complaint phones must differ")
    remedies = item.get("remedies", {})
    if shape(where + ".remedies", remedies, "remedies"):
        text(where + ".remedies.reviewBody", remedies.get("reviewBody"))
        text(where + ".remedies.litigationBody", remedies.get("litigationBody"))
    result = item.get("result", {})
    if shape(where + ".result", result, "result"):
        enum(where + ".result.type", result.get("type"), "result")
        text(where + ".result.name", result.get("name"))
        if "sample" in result:
            file_ref(where + ".result.sample", result["sample"], "sample")
    faqs = item.get("faqs", [])
    if not 1 <= len(faqs) <= 4:
        fail(where + ".faqs", "give 1-4 questions and answers")
    for f, qa in enumerate(faqs):
        if shape(f"{where}.faqs[{f}]", qa, "faq"):
            text(f"{where}.faqs[{f}].question", qa.get("question"), 500)
            text(f"{where}.faqs[{f}].answer", qa.get("answer"), 4000)


def main():
    raw = CATALOG.read_text(encoding="utf-8")
    data = json.loads(raw)
    if raw != json.dumps(data, ensure_ascii=False, indent=2) + "\n":
        fail("catalog.json", "is not pretty-printed with 2-space indent and unescaped Chinese (json.dumps(..., ensure_ascii=False, indent=2))")
    if set(data) != {"format", "items"} or data.get("format") != "govhall.catalog/v1":
        fail("catalog.json", "top level must be exactly { format: govhall.catalog/v1, items: [...] }")
    items = data.get("items", [])
    seen_codes, seen_basic, seen_names = set(), set(), set()
    for i, item in enumerate(items):
        check_item(i, item, seen_codes, seen_basic, seen_names)

    # What the demo has to show.
    kinds = [it.get("kind") for it in items]
    applicant_sets = [frozenset(it.get("applicantTypes", [])) for it in items]
    depths = [it.get("onlineDepth") for it in items]
    if len(items) < 22:
        fail("catalog", f"{len(items)} items; the demo needs at least 22")
    if kinds.count("PublicService") < 4:
        fail("catalog", "needs at least 4 public-service items")
    for wanted, label in ((frozenset({"Organization"}), "organisations only"), (frozenset({"Person"}), "persons only"),
                          (frozenset({"Person", "Organization"}), "both")):
        if wanted not in applicant_sets:
            fail("catalog", f"needs an item for {label}")
    if sum(d != "FullyOnline" for d in depths) < 2:
        fail("catalog", "needs at least two items that are not fully online")
    if not any(it.get("onlineDepth") == "PreReview" and it.get("visitsRequired") == 1 for it in items):
        fail("catalog", "needs a PreReview item with one visit")
    if "Information" not in depths:
        fail("catalog", "needs an Information-only item")
    blanks = {n for n, roles in FILE_USES.items() if "blank" in roles}
    samples = {n for n, roles in FILE_USES.items() if "sample" in roles}
    blank_items = sum(1 for it in items if any("blankForm" in m for m in it.get("materials", []) + [
        m for s in it.get("situations", []) for m in s.get("materials", [])]))
    if blank_items < 8:
        fail("catalog", f"only {blank_items} items have a blank form; at least 8 should")
    if not samples:
        fail("catalog", "no filled sample (示例样表)")
    on_disk = {p.name for p in FILES.iterdir()} if FILES.is_dir() else set()
    for orphan in sorted(on_disk - set(FILE_USES)):
        fail("Demo/files", f"{orphan} is not referenced by catalog.json (the seeder stores every file)")

    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    by_kind = {k: kinds.count(k) for k in sorted(set(kinds))}
    by_depth = {d: depths.count(d) for d in sorted(set(depths))}
    print(f"OK: {len(items)} items {by_kind}; online depth {by_depth}; "
          f"{len(blanks)} blank forms on {blank_items} items, {len(samples)} samples; all sha256 values match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
