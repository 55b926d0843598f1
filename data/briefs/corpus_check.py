"""Scratch checker for corpus writers: schema, vocabulary, the pacing rule, counts.
usage: python /tmp/corpus_check.py FILE.jsonl [--quiet]"""
import json, re, sys
from collections import Counter
REP = {"rapport","situation","change","goals","gaps","educate","pitch","pressure","logistics","other"}
CLIENT = {"situation","need","ask","objection","commit","other"}
READY = re.compile(r"\b(price|pricing|cost|costs|how much|fee|fees|rate|rates|quote|deposit|pay|payment|financ\w*|contract|sign|signing|paperwork|next steps?|get started|getting started|start|enrol\w*|enroll\w*|sign up|book|order|buy|purchase|terms|discount|move forward|proceed|install\w*|apply|application)\b")
DISC = {"situation","change","goals","gaps"}
def derive(turns):
    first_need = next((i for i,t in enumerate(turns) if t["role"]=="client" and {"need","ask"} & set(t["acts"])), None)
    flags = [i for i,t in enumerate(turns) if t["role"]=="rep" and {"pitch","pressure"} & set(t["acts"]) and (first_need is None or i < first_need)]
    if flags: return "premature", first_need, flags
    sell = [i for i,t in enumerate(turns) if t["role"]=="rep" and {"pitch","pressure"} & set(t["acts"])]
    if not sell: return "no_sale", first_need, flags
    disc = {a for t in turns[:sell[0]] if t["role"]=="rep" for a in t["acts"] if a in DISC}
    ready = next((i for i,t in enumerate(turns) if t["role"]=="client" and ("commit" in t["acts"] or ("ask" in t["acts"] and READY.search(t["text"].lower())))), None)
    press = [i for i,t in enumerate(turns) if t["role"]=="rep" and "pressure" in t["acts"]]
    early_press = any(ready is None or i < ready for i in press)
    return ("patient" if len(disc) >= 2 and not early_press else "rushed"), first_need, flags
def main():
    path = sys.argv[1]; quiet = "--quiet" in sys.argv
    acts = Counter(); pac = Counter(); nturns = 0; errs = 0; ids=set()
    for ln, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip(): continue
        try: c = json.loads(line)
        except Exception as e: print(f"line {ln}: bad JSON: {e}"); errs += 1; continue
        for k in ("call_id","family","industry","call_type","source","pacing","turns"):
            if k not in c: print(f"line {ln}: missing {k}"); errs += 1
        if c.get("call_id") in ids: print(f"line {ln}: duplicate call_id"); errs+=1
        ids.add(c.get("call_id"))
        for i,t in enumerate(c.get("turns",[])):
            vocab = REP if t.get("role")=="rep" else CLIENT if t.get("role")=="client" else {"other"}
            if t.get("role") not in ("rep","client","other") or not t.get("acts") or set(t["acts"])-vocab or not t.get("text","").strip() or not t.get("speaker"):
                print(f"line {ln} {c.get('call_id')} turn {i}: bad turn {t}"); errs += 1
            if i and t.get("speaker")==c["turns"][i-1].get("speaker"): print(f"line {ln} {c.get('call_id')} turn {i}: same speaker as previous turn (merge them)"); errs+=1
            for a in t.get("acts",[]): acts[(t.get("role"),a)] += 1
        nturns += len(c.get("turns",[]))
        try: p, fn, fl = derive(c["turns"])
        except Exception as e: print(f"line {ln}: {e}"); errs+=1; continue
        pac[p] += 1
        if p != c.get("pacing"): print(f"line {ln} {c.get('call_id')}: pacing says {c.get('pacing')!r} but the rule gives {p!r} (first need/ask turn {fn}, flagged turns {fl})"); errs += 1
    if not quiet or True:
        print(f"calls {len(ids)}  turns {nturns}  errors {errs}")
        print("pacing", dict(pac))
        print("acts", {f"{r}:{a}": n for (r,a), n in sorted(acts.items())})
main()
