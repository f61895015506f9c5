#!/usr/bin/env python3
"""Generate a deterministic benchmark corpus of written TPM interview answers.

usage: bench-corpus.py [--files N] [--seed S] [--per-dir K] [--procs P] [--rubric FILE] OUT_DIR
       bench-corpus.py --stamp [--files N] [--seed S] [--per-dir K] [--rubric FILE]
       bench-corpus.py --patterns COUNT [--rubric FILE]

Writes N Markdown answers (default 1000) under OUT_DIR, K per subfolder
(default 1000): OUT_DIR/d0000/a0000000.md, OUT_DIR/d0000/a0000001.md, ...,
OUT_DIR/d0001/a0001000.md, ... OUT_DIR must not exist or be empty.

Each file has YAML front matter (id, candidate, question, date) and a body of
about 110..860 words (whitespace-separated tokens, labels and headings
included; stargrade's own count differs by up to about 25), written for the
question's kind as the rubric declares it (behavioural and situational: a
STAR story; opinion, process, design, motivation: their own shapes).
Question ids and kinds are read from the rubric's questions[] (default:
rubrics/tpm.yaml beside this script), with PyYAML when it is installed and a
small built-in reader otherwise.

Length and quality are drawn independently per file. Quality sets how often
sentences are specific (named technologies, numbers, "I", a measurable
result) rather than vague ("we", filler, hedges, buzzwords); length sets how
many sentences there are. A few files use curly apostrophes and dashes, a
heading or "Q:" line with the question text, bold or plain STAR labels,
bullet lists, or CRLF line ends.

Deterministic: file i depends only on the seed, i, this script and the
rubric's questions (ids, kinds, texts), through its own random.Random seeded
with a string (hashed with SHA-512, so PYTHONHASHSEED does not matter); no
clock, no environment. The same N and seed give byte-identical trees
whatever --procs, and a smaller N gives a prefix of a larger one. --stamp
prints one line naming what the output depends on (N, seed, per-dir, a hash
of this script and of the rubric's questions), which scripts/bench keeps
beside a corpus to decide whether it can reuse it.

--patterns COUNT prints, one a line, the first COUNT unique plain phrases of
the rubric's lexicons (in file order; entries starting with "re:" are
skipped, a trailing "*" is dropped, duplicates are compared case-blind), then
of its other phrase lists (competency and question cues, expected-element
cues, pitfall phrases) if the lexicons hold fewer: a fixed-string pattern
file for grep -F -i -f.

All the words and templates below were written for this generator.
"""
import argparse
import os
import random
import re
import sys

GEN_VERSION = "1"
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_RUBRIC = os.path.join(HERE, "..", "rubrics", "tpm.yaml")


# --------------------------------------------------------------------------
# Rubric reading
# --------------------------------------------------------------------------

def _load_yaml(path):
    try:
        import yaml  # python3-yaml
    except ImportError:
        return None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml: ~30x faster
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=loader)


def _scalar(tok):
    tok = tok.strip()
    if len(tok) >= 2 and tok[0] == "'" and tok[-1] == "'":
        return tok[1:-1].replace("''", "'")
    if len(tok) >= 2 and tok[0] == '"' and tok[-1] == '"':
        return tok[1:-1].encode("utf-8").decode("unicode_escape") if "\\" in tok else tok[1:-1]
    return tok


def _strip_comment(line):
    """Drop a '# comment' outside quotes."""
    q = None
    for k, c in enumerate(line):
        if q:
            if c == q:
                q = None
        elif c in "'\"":
            q = c
        elif c == "#" and (k == 0 or line[k - 1] in " \t"):
            return line[:k]
    return line


def _flow_items(text):
    """Split the inside of a YAML flow sequence of scalars."""
    items, cur, q, k = [], [], None, 0
    while k < len(text):
        c = text[k]
        if q:
            cur.append(c)
            if c == q:
                if q == "'" and k + 1 < len(text) and text[k + 1] == "'":
                    cur.append("'")
                    k += 1
                elif q == '"' and k > 0 and text[k - 1] == "\\":
                    pass
                else:
                    q = None
        elif c in "'\"" and not "".join(cur).strip():
            q = c
            cur.append(c)
        elif c == ",":
            items.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        k += 1
    items.append("".join(cur))
    return [_scalar(t) for t in items if t.strip()]


def _mini_rubric(path):
    """Just enough of the rubric without PyYAML: question ids/kinds/texts and
    the lexicons' phrase lists (flow [..] or block '- x' sequences)."""
    with open(path, encoding="utf-8") as f:
        lines = [_strip_comment(l.rstrip("\n")) for l in f]
    questions, lexicons, section = [], {}, None
    k = 0
    while k < len(lines):
        line = lines[k]
        if line and not line[0].isspace():
            section = line.split(":", 1)[0].strip()
            k += 1
            continue
        if section == "questions":
            m = re.match(r"^  - id:\s*(\S+)", line)
            if m:
                questions.append({"id": _scalar(m.group(1)), "kind": "behavioural", "text": ""})
            m = re.match(r"^    (kind|text):\s*(.+)$", line)
            if m and questions:
                questions[-1][m.group(1)] = _scalar(m.group(2))
        elif section == "lexicons":
            m = re.match(r"^  ([\w-]+):\s*(.*)$", line)
            if m:
                name, rest = m.group(1), m.group(2).strip()
                if rest.startswith("["):
                    buf = rest
                    while buf.count("[") > buf.count("]") and k + 1 < len(lines):
                        k += 1
                        buf += " " + lines[k].strip()
                    lexicons[name] = _flow_items(buf.strip()[1:buf.rfind("]")])
                else:
                    items, j = [], k + 1
                    while j < len(lines):
                        nxt = lines[j]
                        if not nxt.strip():
                            j += 1
                            continue
                        if re.match(r"^\s{4,}- ", nxt):
                            items.append(nxt.strip()[2:])
                        elif items and re.match(r"^\s{6,}\S", nxt):
                            items[-1] += " " + nxt.strip()     # a wrapped scalar
                        else:
                            break
                        k = j
                        j += 1
                    lexicons[name] = [_scalar(t) for t in items]
        k += 1
    return {"questions": questions, "lexicons": lexicons}


def read_rubric(path):
    data = _load_yaml(path)
    if data is None:
        data = _mini_rubric(path)
    return data


def rubric_questions(data):
    out = []
    for q in data.get("questions") or []:
        if isinstance(q, dict) and q.get("id"):
            out.append((str(q["id"]), str(q.get("kind") or "behavioural"), str(q.get("text") or "")))
    if not out:
        sys.exit("bench-corpus: the rubric has no questions[].id")
    return out


def _phrase_lists(node, key=None):
    """Every list of strings under node, in document order, with its key."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _phrase_lists(v, k)
    elif isinstance(node, list):
        if node and all(isinstance(x, str) for x in node):
            yield key, node
        else:
            for v in node:
                yield from _phrase_lists(v, key)


PHRASE_KEYS = {"cues", "matches", "phrases", "any", "all", "none", "near", "labels"}


def rubric_patterns(data, count):
    seen, out = set(), []

    def take(items):
        for p in items:
            if len(out) >= count:
                return
            if not isinstance(p, str) or p.startswith("re:"):
                continue
            p = p.strip().rstrip("*").strip()
            if not p or p.lower() in seen:
                continue
            seen.add(p.lower())
            out.append(p)

    lex = data.get("lexicons") or {}
    for _, items in lex.items():
        if isinstance(items, list):
            take(items)
    if len(out) < count:
        rest = {k: v for k, v in data.items() if k != "lexicons"}
        for key, items in _phrase_lists(rest):
            if key in PHRASE_KEYS:
                take(items)
    return out


# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

FIRST = ["alex", "sam", "priya", "jordan", "maya", "tomas", "dana", "marcus", "lena",
         "omar", "keiko", "ravi", "sofia", "chen", "amara", "jonas", "ines", "felix",
         "nadia", "kofi", "elena", "arjun", "hana", "mateo", "zoe", "ivan", "leila",
         "noah", "yuki", "carmen", "diego", "fatima", "liam", "mei", "oscar", "rosa",
         "tariq", "vera", "wei", "aisha"]
LAST = ["chen", "raman", "lee", "oyelaran", "kowalski", "herrera", "whitfield", "novak",
        "okafor", "sato", "gupta", "moreau", "silva", "berg", "haddad", "nguyen", "fischer",
        "mensah", "rossi", "kim", "petrov", "alvarez", "brennan", "dubois", "iyer", "larsen",
        "mwangi", "ortega", "park", "quinn", "schmidt", "tanaka", "varga", "walsh", "yilmaz",
        "zhou", "adeyemi", "costa", "duarte", "ekstrom"]

COMPANIES = ["a mid-size payments company", "a logistics startup", "a ride-hailing platform",
             "an online marketplace", "a healthcare SaaS provider", "a video streaming service",
             "a retail bank", "a travel booking site", "an insurance company",
             "a food delivery company", "a B2B analytics vendor", "a gaming studio",
             "a telecom operator", "an ad-tech company", "a large e-commerce retailer",
             "a fintech scale-up", "a cybersecurity firm", "a public-sector digital agency",
             "an HR software company", "a mobility startup", "a grocery delivery service",
             "a developer-tools company", "a hotel chain", "an online education platform"]

SYSTEMS = ["the ledger service", "the checkout flow", "the order pipeline", "the identity platform",
           "the notification service", "the search index", "the billing system",
           "the data warehouse", "the pricing engine", "the dispatch service", "the mobile API",
           "the payments gateway", "the inventory service", "the recommendations pipeline",
           "the fraud scoring service", "the reporting stack", "the CI pipeline",
           "the onboarding flow", "the partner API", "the event bus", "the feature store",
           "the customer portal", "the booking engine", "the settlement batch"]

TECH = ["Kafka", "PostgreSQL", "Kubernetes", "Terraform", "Redis", "Snowflake", "Datadog",
        "Jira", "AWS", "GCP", "Azure", "Aurora", "DynamoDB", "gRPC", "GraphQL", "Airflow",
        "Spark", "Flink", "Debezium", "Okta", "Stripe", "Elasticsearch", "BigQuery",
        "Cassandra", "MongoDB", "RabbitMQ", "SQS", "Lambda", "EKS", "Docker", "Helm",
        "Istio", "Envoy", "Prometheus", "Grafana", "PagerDuty", "Splunk", "Jenkins",
        "GitHub Actions", "ArgoCD", "LaunchDarkly", "Looker", "Tableau", "dbt", "Confluence",
        "Smartsheet", "Go", "Java", "Python", "Kotlin", "TypeScript", "React Native", "Swift",
        "Node.js", "Spring Boot", "Django", "Oracle", "MySQL", "Redshift", "Databricks",
        "OpenTelemetry", "Vault", "Cloudflare", "Fastly", "Salesforce", "ServiceNow",
        "Twilio", "SageMaker", "PyTorch", "ClickHouse", "Pulsar", "Temporal", "Bazel",
        "Vitess", "CockroachDB", "Spanner", "Memcached", "NATS", "Sentry", "Backstage"]
OLD_TECH = ["Oracle", "self-managed MySQL", "SQL Server", "on-prem Hadoop", "RabbitMQ",
            "Jenkins", "Java 8", "Python 2.7", "MongoDB 3.6", "Cassandra 2.2", "PostgreSQL 9.6",
            "Rails 4", "IBM MQ", "Elasticsearch 5"]
NEW_TECH = ["Aurora PostgreSQL", "Kafka on MSK", "Kubernetes on EKS", "DynamoDB",
            "a set of Go microservices", "Snowflake", "Spanner", "GitHub Actions",
            "CockroachDB", "an event-driven design on Kafka", "gRPC services",
            "Temporal workflows", "Java 17", "Python 3.11", "BigQuery", "Flink"]
TOOLS = ["Jira", "Confluence", "Smartsheet", "Asana", "a shared Google Sheet", "Linear",
         "Notion", "Airtable"]
FLAG_TOOLS = ["LaunchDarkly", "our in-house flag service", "Unleash", "Split", "Optimizely"]
LOAD_TOOLS = ["k6", "Gatling", "Locust", "JMeter", "a replay of production traffic"]
CI_TOOLS = ["GitHub Actions", "Buildkite", "GitLab CI", "CircleCI", "ArgoCD", "Bazel remote caching"]
LANGS = ["Python", "Go", "SQL", "Java", "Scala", "TypeScript", "Kotlin"]
TEAMS = ["the data platform team", "the SRE team", "the payments team", "the mobile team",
         "the security team", "the identity team", "the growth team", "the infrastructure team",
         "the finance systems team", "the search team", "the web team", "the ML platform team",
         "the API team", "the partner integrations team", "the risk team", "the QA team"]
ROLES = ["the VP of Engineering", "the product lead", "the CFO", "the head of legal",
         "the engineering director", "our CTO", "the security lead", "the head of operations",
         "the program sponsor", "the principal engineer", "the head of customer support",
         "the data protection officer", "the product manager", "two staff engineers"]
METRICS_DOWN = ["p99 latency", "the error rate", "on-call pages", "the change failure rate",
                "lead time for changes", "infrastructure cost", "support tickets", "the page load time",
                "the reconciliation time", "time to first byte", "mean time to recovery", "cloud spend",
                "consumer lag", "the churn rate", "build times", "the defect escape rate"]
METRICS_UP = ["checkout conversion", "crash-free sessions", "the deploy frequency", "the activation rate",
              "30-day retention", "NPS", "the cache hit rate", "on-time delivery", "test coverage",
              "weekly active users", "the straight-through processing rate"]
METRICS = METRICS_DOWN + METRICS_UP
FEATURES = ["the new checkout flow", "one-click refunds", "the partner API", "real-time tracking",
            "the loyalty program", "multi-currency pricing", "the new onboarding flow",
            "single sign-on for enterprise customers", "the self-serve billing portal",
            "instant payouts", "the driver app redesign", "the recommendations widget"]
ARTIFACTS = ["a one-page decision doc", "a RACI for every workstream", "a risk register in Confluence",
             "a Jira dashboard of the critical path", "a dependency map", "a design doc with three options",
             "a weekly status memo", "a program charter", "a launch checklist", "a RAID log",
             "an options paper with costs", "a cutover runbook"]
CADENCES = ["a weekly sync", "a fortnightly steering review", "a 15-minute daily stand-up",
            "a Monday risk review", "a monthly business review", "twice-weekly office hours",
            "a Thursday demo", "a weekly dependency review"]
FILLER = ["basically", "honestly", "you know", "kind of", "sort of", "literally",
          "actually", "like", "to be fair", "at the end of the day", "I mean"]
FILLER_OPEN = ["Basically", "Honestly", "You know", "Literally", "Actually", "Like", "To be fair",
               "At the end of the day", "I mean", "So", "Yeah, so"]
FILLER_CLOSE = ["you know", "basically", "kind of", "sort of", "at the end of the day", "honestly",
                "or something like that", "and so on", "if that makes sense"]
HEDGES = ["I think", "maybe", "probably", "I guess", "more or less", "in a way",
          "it seemed like", "I believe", "somewhat"]
HEDGE_OPEN = ["I think", "Maybe", "Probably", "I guess", "I believe", "I feel like", "As far as I remember,"]
VAGUE = ["some stuff", "various things", "a lot of work", "a bunch of issues", "things like that",
         "etc.", "all sorts of improvements", "some changes", "the usual things",
         "a few tweaks", "lots of different pieces"]
BUZZ = ["leverage synergies", "move the needle", "drive alignment at scale", "circle back",
        "boil the ocean", "think outside the box", "unlock value", "double-click on it",
        "empower the teams", "shift left", "break down silos", "operationalize the vision"]
BUZZN = ["a best-in-class experience", "a paradigm shift", "a holistic approach",
         "the low-hanging fruit", "a game changer", "world-class execution", "a north-star vision",
         "bleeding-edge tech", "full transparency", "robust and scalable solutions",
         "cutting-edge innovation", "a customer-obsessed culture", "end-to-end ownership"]
DB = ["PostgreSQL", "Aurora", "DynamoDB", "Cassandra", "MongoDB", "MySQL", "Spanner",
      "CockroachDB", "Vitess", "ScyllaDB", "Cosmos DB"]
STREAM = ["Kafka", "Pulsar", "RabbitMQ", "SQS", "Kinesis", "NATS", "Google Pub/Sub", "Redpanda"]
OBS = ["Datadog", "Grafana", "Prometheus", "Splunk", "New Relic", "Honeycomb", "Sentry", "CloudWatch"]
INFRA = ["Kubernetes", "EKS", "GKE", "ECS", "Lambda", "Terraform", "Nomad", "Cloud Run"]
SEARCH = ["Elasticsearch", "OpenSearch", "Solr", "Typesense"]
NUMWORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


# --------------------------------------------------------------------------
# Slots: functions of (rng, ctx) -> text
# --------------------------------------------------------------------------

def _pct(r):
    x = r.random()
    if x < 0.15:
        return f"{r.randint(1, 9)}.{r.randint(1, 9)}%"
    if x < 0.25:
        return f"{r.randint(5, 80)} percent"
    return f"{r.randint(3, 85)}%"


def _ms(r):
    v = r.choice([r.randint(8, 95), r.randint(100, 990), r.randint(100, 990)])
    return f"{v} ms" if r.random() < 0.7 else f"{v}ms"


def _ms_ft(r):
    a = r.randint(300, 2400)
    b = r.randint(max(5, a // 12), max(10, a // 2))
    return f"from {a} ms to {b} ms" if r.random() < 0.7 else f"from {a}ms to {b}ms"


def _usd(r):
    x = r.random()
    if x < 0.3:
        return f"${r.randint(1, 9)}.{r.randint(1, 9)}M"
    if x < 0.55:
        return f"${r.randint(20, 950)}k"
    if x < 0.75:
        return f"${r.randint(2, 90)},{r.randint(0, 9)}00 a month"
    if x < 0.85:
        return f"€{r.randint(50, 800)}k"
    return f"${r.randint(100, 900)},000"


def _neng(r):
    return f"{r.randint(4, 60)} engineers" if r.random() < 0.8 else f"{r.choice(NUMWORDS)} engineers"


def _nteams(r):
    return f"{r.choice(NUMWORDS[1:])} teams" if r.random() < 0.6 else f"{r.randint(3, 14)} teams"


def _small(r):
    return str(r.randint(2, 9)) if r.random() < 0.6 else r.choice(NUMWORDS[:6])


def _date(r):
    y = r.randint(2018, 2024)
    x = r.random()
    if x < 0.4:
        return f"Q{r.randint(1, 4)} {y}"
    if x < 0.75:
        return f"{r.choice(MONTHS)} {y}"
    if x < 0.85:
        return f"{y}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    return str(y)


def _ver(r):
    if r.random() < 0.5:
        return f"v{r.randint(1, 5)}.{r.randint(0, 12)}"
    return f"version {r.randint(1, 17)}.{r.randint(0, 9)}.{r.randint(0, 20)}"


def _dur(r):
    n = r.randint(2, 14)
    return f"{n} {r.choice(['weeks', 'days', 'months', 'sprints'])}" if r.random() < 0.6 else \
        f"{r.choice(NUMWORDS)} {r.choice(['weeks', 'months', 'sprints'])}"


def _users(r):
    x = r.random()
    if x < 0.4:
        return f"{r.randint(1, 9)}.{r.randint(1, 9)} million users"
    if x < 0.7:
        return f"{r.randint(20, 900)},000 daily active users"
    return f"{r.randint(2, 60)} million accounts"


def _rps(r):
    return f"{r.randint(2, 90)},{r.randint(0, 9)}00 requests per second" if r.random() < 0.6 \
        else f"{r.randint(2, 40)}k events per second"


def _avail(r):
    return r.choice(["99.5%", "99.9%", "99.0%", "98.7%", "99.2%"])


def _avail2(r):
    return r.choice(["99.95%", "99.99%", "99.9%", "99.97%"])


def _k(r):
    return str(r.randint(120, 900))


def _k2(r):
    return str(r.randint(10, 110))


def _mins(r):
    return f"{r.randint(25, 90)} minutes"


def _mins2(r):
    return f"{r.randint(4, 20)} minutes"


def _x(r):
    return f"{r.randint(2, 10)}x"


def _days_ft(r):
    a = r.randint(8, 40)
    return f"from {a} days to {r.randint(1, max(2, a // 3))}"


def _subj(r, c):
    x = r.random()
    if x < c["p_i"]:
        return "I"
    return r.choice(["we", "we", "the team", "my team", "our team"])


def _poss(r, c):
    return "my" if r.random() < c["p_i"] else "our"


SLOTS = {
    "I": _subj,
    "i": lambda r, c: "I",
    "my": _poss,
    "co": lambda r, c: c["co"],
    "sys": lambda r, c: c["sys"],
    "sys2": lambda r, c: r.choice(SYSTEMS),
    "tech": lambda r, c: r.choice(TECH),
    "tech2": lambda r, c: r.choice(TECH),
    "told": lambda r, c: c["told"],
    "tnew": lambda r, c: c["tnew"],
    "team": lambda r, c: c["team"],
    "team2": lambda r, c: r.choice(TEAMS),
    "role": lambda r, c: r.choice(ROLES),
    "tool": lambda r, c: c["tool"],
    "flagtool": lambda r, c: r.choice(FLAG_TOOLS),
    "loadtool": lambda r, c: r.choice(LOAD_TOOLS),
    "citool": lambda r, c: r.choice(CI_TOOLS),
    "lang": lambda r, c: r.choice(LANGS),
    "metric": lambda r, c: r.choice(METRICS),
    "mdown": lambda r, c: r.choice(METRICS_DOWN),
    "mup": lambda r, c: r.choice(METRICS_UP),
    "feature": lambda r, c: c["feature"],
    "artifact": lambda r, c: r.choice(ARTIFACTS),
    "cadence": lambda r, c: r.choice(CADENCES),
    "filler": lambda r, c: r.choice(FILLER),
    "hedge": lambda r, c: r.choice(HEDGES),
    "vague": lambda r, c: r.choice(VAGUE),
    "buzz": lambda r, c: r.choice(BUZZ),
    "buzzn": lambda r, c: r.choice(BUZZN),
    "db": lambda r, c: r.choice(DB),
    "db2": lambda r, c: r.choice(DB),
    "stream": lambda r, c: r.choice(STREAM),
    "obs": lambda r, c: r.choice(OBS),
    "infra": lambda r, c: r.choice(INFRA),
    "search": lambda r, c: r.choice(SEARCH),
    "pct": lambda r, c: _pct(r),
    "pct2": lambda r, c: _pct(r),
    "ms": lambda r, c: _ms(r),
    "msft": lambda r, c: _ms_ft(r),
    "usd": lambda r, c: _usd(r),
    "neng": lambda r, c: _neng(r),
    "nteams": lambda r, c: _nteams(r),
    "nsvc": lambda r, c: f"{r.randint(6, 80)} services",
    "small": lambda r, c: _small(r),
    "date": lambda r, c: _date(r),
    "month": lambda r, c: f"{r.choice(MONTHS)} {r.randint(2019, 2025)}",
    "year": lambda r, c: str(r.randint(2016, 2024)),
    "ver": lambda r, c: _ver(r),
    "dur": lambda r, c: _dur(r),
    "users": lambda r, c: _users(r),
    "rps": lambda r, c: _rps(r),
    "avail": lambda r, c: _avail(r),
    "avail2": lambda r, c: _avail2(r),
    "k": lambda r, c: _k(r),
    "k2": lambda r, c: _k2(r),
    "mins": lambda r, c: _mins(r),
    "mins2": lambda r, c: _mins2(r),
    "x": lambda r, c: _x(r),
    "dayft": lambda r, c: _days_ft(r),
    "n": lambda r, c: str(r.randint(3, 40)),
}

_SLOT_RE = re.compile(r"\{(\w+)\}")


def _compile(t):
    parts, pos = [], 0
    for m in _SLOT_RE.finditer(t):
        if m.start() > pos:
            parts.append(t[pos:m.start()])
        parts.append(SLOTS[m.group(1)])
        pos = m.end()
    if pos < len(t):
        parts.append(t[pos:])
    return parts


def _pool(text):
    return [_compile(line.strip()) for line in text.strip().splitlines() if line.strip()]


# --------------------------------------------------------------------------
# Templates (strong: specific; weak: vague). One sentence a line.
# --------------------------------------------------------------------------

P = {}
P["situation+"] = _pool("""
In {date} {i} was the TPM for {sys} at {co}, which handled {rps} across {nsvc}.
At {co}, {sys} ran on {told} and had grown to {users}; its p99 latency had crept up to {ms}.
Back in {month}, {sys} was still a single {told} deployment that {neng} across {nteams} depended on.
The context was that {co} had {nteams} building on top of {sys}, and incidents on it had cost roughly {usd} in the previous quarter.
Our {told} support contract was up for renewal in {dur}, and the renewal quote was {usd}.
{team} owned {sys}, but {nsvc} wrote to it directly, so every schema change needed {dur} of coordination.
I had joined {co} as a senior TPM in {date}, and the first program handed to me was {sys}.
At the time {sys} was paging on-call {n} times a week and the error rate sat at {pct} during peaks.
Leadership had committed {feature} to {n} enterprise customers for {month}, and nothing had been planned yet.
{sys} processed {usd} a day on {told}, which had reached end of support.
The company had grown from {neng} to more than {n}0 in {dur}, and the release process had not kept up.
Two regions were served from one {told} deployment, so a single failure took down {sys} for {users}.
""")
P["situation-"] = _pool("""
So this was at my last company, we had a system that was kind of old.
There was a lot going on at the time and things were pretty messy.
We had some legacy stuff that nobody really wanted to touch.
It was a big project with a lot of different teams and stakeholders involved.
Basically the platform was not scaling and everyone knew it.
The situation was that things were slow and people were complaining.
We were working on a big migration, I don't remember all the details.
It was one of those projects where everything is on fire, you know.
Our system had {vague} going on and it was causing problems.
We were in the middle of a reorg, so it was chaotic.
""")
P["task+"] = _pool("""
My goal was to move {sys} from {told} to {tnew} without downtime and before {month}.
I was asked to own the end-to-end program: {nteams}, about {neng}, and a hard deadline in {dur}.
The task was to cut {mdown} by at least {pct} while keeping the launch date of {month}.
As the TPM, I was responsible for the plan, the dependencies and the go/no-go decision.
Leadership wanted {feature} live for {users} by {date}, and I had to make that happen across {nteams}.
I owned the migration plan, the risk register and the weekly status to {role}.
The objective we agreed with {role} was {avail2} availability and no more than {ms} p99 after the move.
My job was to get {nteams} to ship their parts in the right order without blocking each other.
The ask was to decommission {told} within {dur} and save {usd} in licences.
""")
P["task-"] = _pool("""
We needed to fix it somehow and make it better.
The goal was to improve things and make the stakeholders happy.
I was kind of in charge of making sure everything went well.
We had to deliver it on time, basically.
The task was to modernise the platform and make it more scalable.
My manager asked me to help out with the project.
We wanted {buzzn} and to deliver value to customers.
""")
P["action+"] = _pool("""
First, I mapped every dependency of {sys} with the tech leads and found {nsvc} callers, {small} of which wrote directly to its tables.
{I} set up {cadence} with the leads of {team} and {team2} and kept a risk register in {tool}.
I proposed a phased rollout behind feature flags in {flagtool}, starting with {pct} of traffic.
I wrote an options paper comparing three approaches with their costs, and ran the review that picked {tnew}.
To de-risk the cutover, {I} ran dual writes for {dur} and a nightly diff job in {lang}.
I negotiated with {role} to move {small} engineers from {team2} onto the critical path for {dur}.
When {team2} slipped by {dur}, I re-sequenced the plan so the {infra} work could start in parallel.
{I} load-tested {sys} at {x} peak with {loadtool}, which surfaced a connection-pool limit in {db}.
I kept {role} informed with a one-page weekly status that showed {metric}, not just milestone colours.
I defined go/no-go criteria: error rate under {pct}, p99 under {ms} and zero unexplained diffs for {dur}.
{I} moved the deploy pipeline to {citool} and cut build times from {mins} to {mins2}.
I escalated the {tech} licensing question to {role} early, with two options and a recommendation.
I paired with the lead of {team} to break the work into {small} milestones tracked in {tool}.
{I} migrated the consumers one by one, {small} per sprint, each with its own rollback plan.
I ran a pre-mortem with {nteams}; the top risk was consumer lag in {stream} at month-end, so we added back-pressure and alerts.
I built a dependency map in {tool} and reviewed the critical path with every lead on {cadence}.
I asked {team} for a written API contract before any code, which caught {small} breaking changes early.
I set up a Slack channel, a shared runbook and a rehearsal of the cutover on staging two weeks before the date.
Then {I} upgraded the {tech} clients to {ver} so that both stacks could read the same schema.
I brought {role} a trade-off: drop {small} low-value features or move the date by {dur}; they chose the scope cut.
I wrote the rollback plan first, then the rollout plan, and had {team2} review both.
{I} added dashboards in {obs} for {metric} and shared them with {role} so the status was never a surprise.
""")
P["action-"] = _pool("""
We had a lot of meetings to get everyone aligned.
We worked really hard and kind of pushed through it.
The team did a bunch of stuff to improve the system.
I made sure people were communicating and things were moving.
We basically rewrote parts of it and cleaned up {vague}.
There were some challenges but we figured it out as a team.
We used the cloud and modern tools to make it more scalable.
I sent out status emails and kept people on track.
We had to deal with {vague}, which took a while.
Everyone pitched in and we got it done.
We tried to {buzz} across the org.
I followed up with people a lot to make sure they did their parts.
""")
P["result+"] = _pool("""
As a result, p99 latency dropped {msft} and the error rate fell by {pct}.
We cut over in {month}, {dur} ahead of the deadline, with zero lost transactions.
The change saved about {usd} a year in licences and infrastructure.
Checkout conversion went up {pct} and support tickets went down from {k} to {k2} a week.
Deployment frequency went from weekly to {n} times a day, and on-call pages dropped by {pct}.
In the end I delivered the program on time, and availability went from {avail} to {avail2}.
Onboarding time for a new service fell {dayft}.
{mup} improved by {pct} within {dur} of the launch, and {team} now owns the new stack.
We decommissioned {told} in {month} and reduced cloud spend by {usd}.
The launch reached {users} in the first quarter, {pct} above the target we had set.
Incidents caused by {sys} went from {small} a month to zero over the next two quarters.
The reconciliation job now finishes in {mins2} instead of {mins}.
""")
P["result-"] = _pool("""
In the end it worked out and everyone was happy.
It went pretty well overall, I think.
The project was a success and leadership liked it.
I'm not sure what the final numbers were because I moved teams.
It was a great learning experience for the whole team.
Things got better after that, more or less.
The customers seemed happier and it was faster.
We shipped it eventually, a bit late but that's normal.
""")
P["close+"] = _pool("""
Looking back, I would have involved {team2} earlier.
What I learned is to write the rollback plan before the rollout plan.
If I did it again, I'd set up the risk register in week one instead of week four.
The main lesson for me was to make dependencies visible before they become blockers.
I now start every program with a dependency map and a written definition of done.
Since then I have reused the same dual-run approach on {small} other migrations.
I'd also push harder for a load test earlier; we found the {db} limit late.
""")
# opinion / process / motivation / design shapes
P["intro+"] = _pool("""
My approach has three parts: make the goal explicit, make the trade-offs visible, and check the outcome with numbers.
I start from the business goal and work backwards to what the engineering teams need to decide.
The short answer is that I treat it as a portfolio decision, not a one-off argument.
I have a fairly structured way of doing this, which I have used at {co} and before that at a startup.
It depends on the stage of the program, but a few things hold every time.
""")
P["intro-"] = _pool("""
That's a great question, honestly it depends.
I think this is really important for any TPM, you know.
So I would basically try to keep everyone on the same page.
Communication is key, and I always try to be transparent.
There are a lot of ways to do it and it really depends on the situation.
""")
P["point+"] = _pool("""
I keep {artifact} up to date and review it on {cadence}.
For the technical side, I ask the leads for the options, the cost of each and what we give up.
I track {metric} and {metric} in a {obs} dashboard that {role} can read without me.
I reserve about {pct} of each sprint for it and make that visible in {tool}.
When two options are close, I write them down with their costs and let the owning team decide, with a date.
I tie every item to a goal leadership already agreed, such as {mup} or {usd} in savings.
I look at the last {small} incidents and ask which of them a better design would have prevented.
I use a simple scoring: impact from 1 to 5, likelihood from 1 to 5, and an owner for anything above 12.
Every risk gets an owner, a mitigation and a date, and I review the top {small} on {cadence}.
I read the design docs of the teams I work with and ask at least one question on each.
I keep a small side project on {tech} so that I understand what my engineers are dealing with.
""")
P["point-"] = _pool("""
I try to stay on top of things and make sure nothing falls through the cracks.
You have to be flexible and adapt, because every team is different.
I think it's about having the right mindset and {buzzn}.
I just talk to people and figure out what's going on.
Usually the engineers know best, so I let them handle the technical stuff.
I read articles and stuff when I have time.
It's important to {buzz} and keep the momentum.
""")
P["example+"] = _pool("""
For example, at {co} I used this on {sys}: {nteams}, {neng}, and a move from {told} to {tnew}.
A concrete case: last year {team} wanted to rewrite {sys} while product wanted {feature}; we split capacity 70/30 and shipped both by {month}.
On my last program this cut {mdown} by {pct} within {dur}.
In practice, at {co}, this caught a slipping {tech} upgrade {dur} before it would have hit the critical path.
One time {team2} was blocked on the {told} upgrade; I found a workaround with a read replica and we kept the date.
""")
P["example-"] = _pool("""
For example, on one project we did something like this and it worked.
I've done this a few times and it usually works out.
At my last job we had a similar thing and we handled it.
""")
P["step+"] = _pool("""
Clarify the goal and how we will measure it, for example {mdown} down {pct} by {month}.
Identify the stakeholders and agree on a RACI with {role}.
Write the scope and the non-goals, and get sign-off before any dates.
Break the work into workstreams and milestones and find the critical path.
Run a pre-mortem and put the top risks in a risk register with owners.
Set the operating cadence: {cadence}, a written weekly update and a monthly exec review.
Plan the launch: feature flags, a canary at {pct}, a rollback plan and go/no-go criteria.
Track progress against the milestones in {tool} and re-plan when a dependency slips.
Close with a retrospective and compare the result with the metric we set at the start.
""")
P["step-"] = _pool("""
Make a timeline with all the tasks.
Get everyone in a room and talk about it.
Make a Gantt chart and assign the tasks.
Send status emails every week.
Make sure people are doing their work.
""")
P["clarify+"] = _pool("""
Before drawing anything I would ask a few clarifying questions: how many users, which regions, and what latency is acceptable.
I would confirm the scale first: roughly {users} and peaks of {rps}.
I'd ask whether this is read-heavy or write-heavy, and what the consistency requirements are.
Is this for {co} or a new market, and what is the launch date? That changes the scope a lot.
""")
P["clarify-"] = _pool("""
So I would just start with the database.
OK so the first thing is the backend.
I'd use microservices because they are scalable.
""")
P["component+"] = _pool("""
The core components are an API gateway, a {lang} service for the write path, a {db} store and a {stream} queue between them.
Orders go into {stream}, consumers update {db}, and a separate read model serves the app.
I would put a cache in front of the hot reads, with a TTL of about {n} seconds.
Location updates arrive every few seconds, so they go through a stream in {stream} and are partitioned by region.
A notification service fans out events to push, SMS and email, each with its own retry policy.
Payments go through a {lang} service with idempotency keys so a retry never charges twice.
For search I'd use {search} with an index rebuilt from the event stream.
""")
P["component-"] = _pool("""
There would be a database and some servers.
We would use the cloud so it can scale.
The backend would handle the business logic and stuff.
""")
P["nfr+"] = _pool("""
For scalability I'd shard by region and scale the stateless services horizontally on {infra}.
For reliability the target is {avail2}, so two availability zones, health checks and automatic failover.
Security: PII encrypted at rest, tokens instead of card numbers, and least-privilege access through IAM.
Latency budget: {ms} p99 for the read path, which the cache makes realistic.
Observability from day one: traces in OpenTelemetry, metrics in {obs} and an SLO with an error budget.
""")
P["tradeoff+"] = _pool("""
The main trade-off is consistency against availability: for order status eventual consistency is fine, for payments it is not.
We chose {db} over {db2} because the team already ran it, at the cost of some query flexibility.
A monolith would have been faster to build; we accepted the operational cost of services for independent deploys.
Caching trades freshness for latency; I'd accept {n} seconds of staleness on the menu but not on prices.
Batch was cheaper, but it meant a day of delay, so we paid about {usd} more for streaming.
""")
P["tradeoff-"] = _pool("""
There are always trade-offs, it depends on the use case.
I'd pick the best technology for the job.
We would make it robust and scalable.
""")
P["reason+"] = _pool("""
The part of my work I enjoy most is connecting the technical decisions to the business outcome.
In my last role I ended up running the cross-team program for {sys}, and I found I was better at that than at writing the code.
I like the breadth: in one week I might review a {tech} design doc, negotiate scope with {role} and run a launch review.
As an engineer on {team} I was already the one writing the dependency map and chasing the other teams.
I want to work on programs where {nteams} have to move together, and that is the TPM job.
I have seen programs fail because nobody owned the seams between teams, and I want to own them.
""")
P["reason-"] = _pool("""
Honestly I'm a bit tired of coding and want to move into management.
I think it's a good career move and the pay is better.
I like managing people and telling them what to do.
I just think I'd be good at it, I'm a people person.
It seems like a natural next step, I guess.
""")
P["mintro+"] = _pool("""
I want to be a TPM because the problems I enjoy most sit between teams, not inside one codebase.
Over the last {small} years I have moved from engineering into running programs, and I want to do that full time.
Three reasons: the breadth of the work, the leverage of coordinating many teams, and owning outcomes rather than tasks.
I have been doing most of a TPM's job informally at {co}, and I want to do it properly.
""")
P["mintro-"] = _pool("""
Honestly, I've been thinking about it for a while and it just feels right.
I think it's the next step in my career.
Well, I have always liked working with people.
It's a role I keep hearing good things about.
""")
P["mevidence+"] = _pool("""
At {co} I volunteered to run the {sys} migration across {nteams}, and it shipped {dur} early.
When {team} and {team2} were stuck on an API contract, I wrote the options doc that unblocked them in a week.
Last year I ran the launch of {feature} for {users}, which lifted {mup} by {pct}.
I already spend about half my week on planning, dependency tracking and status updates for {role}.
I set up the incident review process for {team}, and repeat incidents fell by {pct} in {dur}.
I am the person {role} calls when {nteams} need to agree on a date.
""")
P["mevidence-"] = _pool("""
People tell me I'm organized.
I've helped out on some projects before.
My manager said I'd be good at it.
I've been in a lot of meetings with TPMs, so I know what they do.
""")
P["filler"] = _pool("""
It was a really crazy time, honestly.
You know how it is with these things.
Anyway, that's kind of the background.
I mean, it was a lot.
So yeah, that was basically it.
There was a lot of back and forth on {vague}.
""")
P["buzz"] = _pool("""
We really wanted to {buzz} and be more agile.
The idea was to {buzz} and deliver value end to end.
It was all about {buzzn} and full ownership.
I always try to {buzz} with the stakeholders.
""")

# Elaboration used once a section's own templates are all used up.
P["detail+"] = _pool("""
The lead of {team} and I agreed on a single owner for every open decision, listed in {tool}.
At that point {sys} had {nsvc} upstream and {small} downstream dependencies.
The budget was {usd} for the year, and about a third of it went to {infra} capacity.
I kept the launch checklist to one page so that every lead actually read it.
Two of the teams were in another time zone, so {I} moved the sync to an overlap hour and recorded the demos.
The security review took {dur}, so I booked it before the design was final.
{I} tracked {metric} daily during the rollout, with an alert at {pct} above the baseline.
I asked each team for a confidence level on their dates, not just the dates.
The first milestone was a read-only path on {tnew}, which let {team} test with real traffic.
{role} signed off on the plan in {month} after a 30-minute review.
I split the cutover into {small} waves of roughly {pct} of customers each.
Every wave had an owner on call and a rollback we had rehearsed at least once.
Capacity was the real constraint: {neng} for {small} workstreams.
I published a decision log so that nobody had to ask a second time why we chose {tnew}.
The vendor contract had a penalty of {usd} if we missed {month}.
{I} found {small} undocumented consumers of {sys} by reading {obs} traces.
A shadow-traffic test ran for {dur} and matched {pct} of responses on the first day.
By week {n} the burn-down showed we were {dur} behind, so I cut two nice-to-have items.
I held a blameless review after each incident and tracked the follow-ups to closure.
Support and sales got a two-page FAQ a week before each wave.
{team2} agreed to freeze their schema for {dur}, which removed the biggest risk.
The old and new paths ran side by side until their error rates matched within {pct}.
I used a traffic-light status, but every amber and red item came with a date and an owner.
Legal needed the data-retention rules in writing, so I drafted them with the data protection officer.
{I} moved {users} over in {dur} with no customer-visible downtime.
I kept a running list of assumptions and checked the top {small} with the leads every week.
The on-call rota covered the launch weekend with {small} engineers and a clear escalation path.
The {stream} cluster was sized for {x} the expected peak, which cost {usd} more.
The {db} upgrade to {ver} was the long pole, so it started first.
I made sure the {obs} dashboards were ready a sprint before the first wave.
""")
P["detail-"] = _pool("""
There were a lot of moving parts, so it was hard to keep track.
People had different opinions and it took time.
We had a few issues along the way but nothing major.
Some people were not happy but that's how it goes.
It took longer than expected because of {vague}.
I don't remember all the details, it was a while ago.
We kept going and eventually things got better.
There was a lot of communication back and forth.
It was a good team and everyone was very motivated.
I was involved in a lot of different things at the same time.
We had to prioritise, so some things got pushed.
The stakeholders wanted updates all the time, which was a lot.
Management kept changing priorities on us.
Basically we just had to make it work somehow.
""")

# Topic sentences per question id (strong, weak); unknown ids use "generic".
TOPIC = {
    "complex-program": ("""
The hardest part was backfilling {n} months of history while dual writes kept both stores in sync.
Ordering mattered: events for the same account had to arrive in sequence, so we partitioned the {stream} topics by account id.
We kept backward compatibility for {small} legacy consumers until the last one moved.
The program spanned {nteams}, {nsvc} and {small} vendors.
""", """
It was very complex with lots of moving parts.
There were many systems and it was hard.
"""),
    "team-conflict": ("""
The two teams disagreed about REST versus gRPC for the new internal API, and both had good reasons.
I met each lead separately first, to hear the concerns without an audience.
I wrote both options down with their costs and tied the choice to the program goal of cutting {mdown}.
We agreed on a two-week spike with clear criteria, and both leads agreed to commit to the result.
""", """
One team was just being difficult, so I sided with the other team.
I told them to figure it out between themselves.
"""),
    "stay-current": ("""
I read the engineering blogs of a few companies and one or two newsletters every week.
I went to re:Invent last year and took the AWS Solutions Architect certification.
I keep a small side project on {tech} so I stay hands-on.
I ask engineers to walk me through their design docs; it is the fastest way to learn what matters here.
""", """
I google things when I need to.
I learn on the job when a project needs it.
"""),
    "plan-from-scratch": ("""
I start with the goal and the success metrics, not the timeline.
Then I map the stakeholders and agree on who decides what.
Only after scope and risks are clear do I build the milestone plan.
""", """
The first thing I would do is put together a timeline.
I'd open up a Gantt chart and start adding tasks.
"""),
    "system-design": ("""
The system has three actors: customers, restaurants and couriers.
Courier locations stream in every {small} seconds and are stored in a geospatial index.
Dispatch matches orders to couriers by distance and load, and we re-run it when a courier declines.
""", """
I'd build an app and a backend with a database.
"""),
    "tech-debt": ("""
I keep a tech debt register with a cost estimate for each item, such as incidents or developer hours lost.
We agreed with product to reserve {pct} of capacity for debt every sprint.
I bring the debt items to the roadmap review with the business cost next to them.
""", """
We fix tech debt when we have time.
Features always come first, that's what the business wants.
"""),
    "delayed-dependency": ("""
First I found out why it was late and what the new realistic date was.
I looked for a workaround: a mock of their API so we could keep building and test later.
I told the stakeholders within a day, with the impact and two options.
I added the dependency to the risk register and checked it at every weekly review.
""", """
We just waited until they were done.
There was nothing I could do, it was the other team's problem.
"""),
    "success-metrics": ("""
I split metrics into three groups: delivery, quality and business outcome.
For delivery I track milestones hit on time and the lead time for changes.
The business KPI is what the program is for, for example conversion up {pct} or cost down {usd}.
Each metric has a baseline, a target and an owner.
""", """
I look at whether the project is on time.
We track how many tickets get closed.
"""),
    "program-failure": ("""
The program missed its date by {dur}, and that was on me: I had not tested the vendor integration early enough.
We rolled back the launch and I wrote the post-mortem myself.
Since then I schedule integration tests with every external dependency in the first month.
""", """
It failed because the vendor was bad and leadership changed priorities.
Nothing really failed, I've always delivered my programs.
"""),
    "why-tpm": ("""
I want to be a TPM because I like owning the outcome across teams, not just my part.
""", """
I want to be a TPM because I want to manage people.
"""),
    "architecture-tradeoffs": ("""
The service was a Go API in front of PostgreSQL, with {stream} for async work and Redis for sessions.
We traded strong consistency for availability on the read path and accepted a few seconds of lag.
We kept it a modular monolith for two years instead of splitting it into microservices early.
""", """
The architecture was microservices on the cloud and it was very scalable.
"""),
    "risk-process": ("""
I run a pre-mortem at the start of every program and put every risk in a register.
Each risk has a likelihood, an impact, an owner and a mitigation with a date.
I review the top risks every week and escalate anything red to {role} with options.
""", """
I deal with risks as they come up.
If something goes wrong I escalate it.
"""),
    "unpopular-decision": ("""
I decided to freeze new features for {dur} to fix reliability, which product did not like.
I showed the incident data: {small} outages in a quarter had cost about {usd}.
I ran a pilot with one team first, and the results convinced the others.
""", """
I just told them it was decided and they had to accept it.
Management backed me, so people had to go along with it.
"""),
    "generic": ("""
I tied the work to a clear goal and a metric that {role} cared about.
I made the dependencies and risks visible and reviewed them every week.
""", """
It was important and we did our best.
"""),
}
TOPIC_P = {k: (_pool(s), _pool(w)) for k, (s, w) in TOPIC.items()}

# every section pool by sign, for answers that outlast their own templates
SIGNED = {sign: [v for k, v in P.items() if k.endswith(sign) and not k.startswith(("step", "clarify"))]
          for sign in "+-"}

CURLY = str.maketrans({"'": "\u2019"})


# --------------------------------------------------------------------------
# Answer generation
# --------------------------------------------------------------------------

def _pick(r, c, pool):
    """A template of pool not used yet in this answer, or None."""
    used = c["used"]
    for _ in range(3):
        t = pool[r.randrange(len(pool))]
        if id(t) not in used:
            used.add(id(t))
            return t
    left = [t for t in pool if id(t) not in used]
    if not left:
        return None
    t = left[r.randrange(len(left))]
    used.add(id(t))
    return t


def _fill(r, c, parts):
    out = []
    for p in parts:
        out.append(p if isinstance(p, str) else p(r, c))
    s = "".join(out)
    return s[0].upper() + s[1:] if s and s[0].islower() else s


def _template(r, c, base, strong):
    """A fresh template of base+/base-, else of detail+/detail-, else a repeat."""
    sign = "+" if strong else "-"
    pool = P.get(base + sign) or P[base + "+"]
    t = _pick(r, c, pool)
    if t is None:
        t = _pick(r, c, P["detail" + sign])
    if t is None:                       # rambling on: borrow from another section
        others = SIGNED[sign]
        for _ in range(6):
            t = _pick(r, c, others[r.randrange(len(others))])
            if t is not None:
                break
    if t is None:
        t = pool[r.randrange(len(pool))]
    return t


def _lower_first(s):
    """Lower-case the first letter unless the first word is "I..." or an acronym."""
    w = s.split(" ", 1)[0]
    if (w[:1] == "I" and (len(w) == 1 or not w[1].isalpha())) or any(ch.isupper() for ch in w[1:]):
        return s
    return s[0].lower() + s[1:]


def _decorate(r, c, s):
    """Maybe add filler or a hedge, more often in weak answers."""
    if any(w.endswith(":") for w in s.split(" ", 2)[:2]):
        return s                        # "Latency budget: ..." takes no "I think"
    if r.random() < c["p_filler"]:
        x = r.random()
        if x < 0.45:
            s = r.choice(FILLER_OPEN) + ", " + _lower_first(s)
        elif x < 0.8 and s.endswith("."):
            s = s[:-1] + ", " + r.choice(FILLER_CLOSE) + "."
        else:
            s = s + " " + _fill(r, c, r.choice(P["filler"]))
    elif r.random() < c["p_hedge"]:
        s = r.choice(HEDGE_OPEN) + " " + _lower_first(s)
    return s


def _sentence(r, c, base):
    strong = r.random() < c["p_strong"]
    return _decorate(r, c, _fill(r, c, _template(r, c, base, strong)))


def _topic(r, c):
    s, w = TOPIC_P.get(c["qid"]) or TOPIC_P["generic"]
    t = _pick(r, c, s if r.random() < c["p_strong"] else w)
    return None if t is None else _fill(r, c, t)


ORDINALS = ["First, ", "Then ", "Next, ", "After that, ", "Then ", "Next, ", "After that, ",
            "Then ", "Finally, "]


def _steps(r, c, budget, bullets):
    """A process answer's steps, in order: strong steps keep their order,
    weak ones are mixed in; each may get an elaboration."""
    strong = P["step+"]
    weak = P["step-"]
    items, got = [], 0
    wk = list(range(len(weak)))
    r.shuffle(wk)
    for k, t in enumerate(strong):
        if got >= budget:
            break
        if r.random() > c["p_strong"]:
            if not wk or r.random() < 0.5:
                continue
            t = weak[wk.pop()]
        s = _fill(r, c, t)
        if not bullets:
            lead = ORDINALS[min(len(items), len(ORDINALS) - 1)] if r.random() < 0.7 else ""
            s = lead + "I would " + s[0].lower() + s[1:] if lead else "I would " + s[0].lower() + s[1:]
            if lead == "" or lead.endswith(", "):
                s = s[0].upper() + s[1:]
        if r.random() < 0.45 and got + len(s.split()) < budget:
            s += " " + _sentence(r, c, "point")
        s = _decorate(r, c, s)
        items.append(s)
        got += len(s.split())
    return items, got


# Section plans per kind: (name, share of the words, base pool, label)
PLANS = {
    "star": [("situation", 0.17, "situation", "Situation"), ("task", 0.12, "task", "Task"),
             ("action", 0.50, "action", "Action"), ("result", 0.16, "result", "Result"),
             ("close", 0.05, "close", None)],
    "opinion": [("intro", 0.12, "intro", None), ("points", 0.58, "point", None),
                ("example", 0.22, "example", None), ("close", 0.08, "close", None)],
    "process": [("intro", 0.10, "intro", None), ("steps", 0.55, "step", None),
                ("example", 0.27, "example", None), ("close", 0.08, "close", None)],
    "design": [("clarify", 0.14, "clarify", "Clarifying questions"),
               ("components", 0.36, "component", "Components"),
               ("nfr", 0.22, "nfr", "Scale and reliability"),
               ("tradeoffs", 0.20, "tradeoff", "Trade-offs"), ("close", 0.08, "close", None)],
    "motivation": [("intro", 0.12, "mintro", None), ("reasons", 0.45, "reason", None),
                   ("evidence", 0.35, "mevidence", None), ("close", 0.08, "close", None)],
}
PLANS["arch"] = [("context", 0.15, "situation", "Context"),
                 ("components", 0.33, "component", "Architecture"),
                 ("nfr", 0.17, "nfr", None), ("tradeoffs", 0.25, "tradeoff", "Trade-offs"),
                 ("result", 0.10, "result", "Outcome")]
QUESTION_PLAN = {"architecture-tradeoffs": "arch"}   # a design question about the candidate's own service
KIND_PLAN = {"behavioural": "star", "situational": "star", "opinion": "opinion",
             "process": "process", "design": "design", "motivation": "motivation"}


MAX_WORDS = 860   # whitespace tokens; stargrade's count differs by about +-25 ("70/30", "1. ")


def _trim(body, limit):
    """Cut whole paragraphs, then whole sentences, until body has <= limit words."""
    paras = body.split("\n\n")
    out, n = [], 0
    for p in paras:
        w = len(p.split())
        if n + w <= limit:
            out.append(p)
            n += w
            continue
        keep = []
        for sent in re.split(r"(?<=[.?!]) ", p):
            w = len(sent.split())
            if n + w > limit:
                break
            keep.append(sent)
            n += w
        if keep:
            out.append(" ".join(keep))
        break
    return "\n\n".join(out)


def answer(seed, i, questions):
    r = random.Random(f"stargrade-bench/{GEN_VERSION}/{seed}/{i}")
    qid, kind, qtext = questions[r.randrange(len(questions))]
    quality = (r.random() + r.random()) / 2          # 0..1, centre-heavy
    if r.random() < 0.15:
        quality = r.random() ** 3                    # a tail of very weak answers
    target = 110 + int(730 * r.random() ** 1.4)      # 110..840 words, skewed short
    c = {
        "qid": qid,
        "p_strong": 0.1 + 0.85 * quality,
        "p_i": 0.25 + 0.7 * quality,
        "p_filler": 0.45 * (1 - quality) ** 1.5,
        "p_hedge": 0.3 * (1 - quality),
        "p_buzz": 0.12 * (1 - quality),
        "co": r.choice(COMPANIES), "sys": r.choice(SYSTEMS), "told": r.choice(OLD_TECH),
        "tnew": r.choice(NEW_TECH), "team": r.choice(TEAMS), "tool": r.choice(TOOLS),
        "feature": r.choice(FEATURES), "used": set(),
    }
    plan = PLANS[QUESTION_PLAN.get(qid) or KIND_PLAN.get(kind, "star")]
    labels = r.random() < 0.15 + 0.45 * quality
    label_style = r.choice(["**{}:** ", "{}: ", "## {}\n\n", "**{}**\n\n"])
    bullets = r.random() < 0.5
    drop_result = plan is PLANS["star"] and r.random() < 0.5 * (1 - quality)

    out = []
    words = 0
    x = r.random()
    if x < 0.08:
        out.append(f"## {qtext}\n\n")
        words += len(qtext.split()) + 1
    elif x < 0.14:
        out.append(f"Q: {qtext}\n\n")
        words += len(qtext.split()) + 1

    for name, share, base, label in plan:
        if name == "result" and drop_result:
            continue
        budget = max(12, int(target * share))
        budget = min(budget, target - words) if words < target else 12
        lines, got = [], 0
        if base == "step":
            items, got = _steps(r, c, budget, bullets)
            if bullets:
                lines.append("\n".join(f"{k + 1}. {s}" for k, s in enumerate(items)))
                got += len(items)
            else:
                lines.append(" ".join(items))
        para, n_in_para = [], r.randint(2, 5)
        while got < budget:
            s = None
            if r.random() < 0.18:
                s = _topic(r, c)
            elif r.random() < c["p_buzz"]:
                t = _pick(r, c, P["buzz"])
                s = t and _fill(r, c, t)
            if s is None:
                s = _sentence(r, c, "point" if base == "step" else base)
            para.append(s)
            got += len(s.split())
            if len(para) >= n_in_para:
                lines.append(" ".join(para))
                para, n_in_para = [], r.randint(2, 6)
        if para:
            lines.append(" ".join(para))
        lines = [l for l in lines if l]
        if not lines:
            continue
        text = "\n\n".join(lines)
        if labels and label:
            lab = label_style.format(label)
            text = lab + text
            got += len(lab.split())
        out.append(text + "\n\n")
        words += got
    # top up: the body must reach 100 words whatever the plan did
    while words < 100:
        s = _sentence(r, c, "action" if plan is PLANS["star"] else "point")
        out.append(s + "\n\n")
        words += len(s.split())

    body = _trim("".join(out).rstrip("\n"), MAX_WORDS) + "\n"
    if r.random() < 0.2:
        body = body.translate(CURLY).replace(" - ", " \u2014 ")
    date = f"{r.randint(2023, 2025)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
    cand = f"{r.choice(FIRST)}-{r.choice(LAST)}"
    doc = (f"---\nid: a{i:07d}\ncandidate: {cand}\nquestion: {qid}\ndate: {date}\n---\n" + body)
    if r.random() < 0.01:
        doc = doc.replace("\n", "\r\n")
    return doc


def _write_dir(job):
    out_dir, d, lo, hi, seed, questions = job
    path = os.path.join(out_dir, f"d{d:04d}")
    os.makedirs(path, exist_ok=True)
    for i in range(lo, hi):
        with open(os.path.join(path, f"a{i:07d}.md"), "w", encoding="utf-8", newline="") as f:
            f.write(answer(seed, i, questions))
    return hi - lo


def generate(out_dir, n, seed, per_dir, questions, procs=1):
    if os.path.exists(out_dir) and os.listdir(out_dir):
        sys.exit(f"bench-corpus: {out_dir} exists and is not empty")
    os.makedirs(out_dir, exist_ok=True)
    jobs = [(out_dir, d, d * per_dir, min(n, (d + 1) * per_dir), seed, questions)
            for d in range((n + per_dir - 1) // per_dir)]
    if procs > 1 and len(jobs) > 1:
        import multiprocessing
        with multiprocessing.Pool(procs) as pool:
            for _ in pool.imap_unordered(_write_dir, jobs):
                pass
    else:
        for job in jobs:
            _write_dir(job)


def stamp(n, seed, per_dir, questions):
    """What the output depends on: N, seed, per-dir, this file, the questions."""
    import hashlib
    with open(os.path.abspath(__file__), "rb") as f:
        gen = hashlib.sha256(f.read()).hexdigest()[:16]
    qs = hashlib.sha256(repr(questions).encode("utf-8")).hexdigest()[:16]
    return (f"bench-corpus v{GEN_VERSION} files={n} seed={seed} per-dir={per_dir} "
            f"generator={gen} questions={qs}")


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n", 1)[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 2)[2])
    ap.add_argument("--files", type=int, default=1000, metavar="N", help="number of answers (default 1000)")
    ap.add_argument("--seed", type=int, default=42, metavar="S", help="random seed (default 42)")
    ap.add_argument("--per-dir", type=int, default=1000, metavar="K", help="answers per subfolder (default 1000)")
    ap.add_argument("--procs", type=int, default=1, metavar="P",
                    help="worker processes, one subfolder at a time (default 1; the output does not depend on it)")
    ap.add_argument("--rubric", default=DEFAULT_RUBRIC, help="rubric for question ids and patterns (default rubrics/tpm.yaml)")
    ap.add_argument("--patterns", type=int, metavar="COUNT", help="print COUNT plain rubric phrases instead of generating")
    ap.add_argument("--stamp", action="store_true",
                    help="print the line that identifies the corpus these options would write, and exit")
    ap.add_argument("out_dir", nargs="?", metavar="OUT_DIR")
    a = ap.parse_args()
    data = read_rubric(a.rubric)
    if a.patterns is not None:
        sys.stdout.write("".join(p + "\n" for p in rubric_patterns(data, a.patterns)))
        return
    if a.stamp:
        print(stamp(a.files, a.seed, a.per_dir, rubric_questions(data)))
        return
    if not a.out_dir:
        ap.error("OUT_DIR is required")
    if a.files < 0 or a.per_dir < 1 or a.procs < 1:
        ap.error("--files must be >= 0, --per-dir and --procs >= 1")
    generate(a.out_dir, a.files, a.seed, a.per_dir, rubric_questions(data), a.procs)


if __name__ == "__main__":
    main()
