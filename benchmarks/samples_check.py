import datetime as dt, json, collections
from harness.battery import load_battery
from harness.score.engines.judge import judge_answer
b=load_battery('evals/oncology.yaml')
gold = {q.id: (b.gold[q.id] if isinstance(b.gold, dict) else b.gold_for(q.id)) for q in b.questions}
def run(name, answers):
    cnt=collections.Counter(); rec=[]; bad=[]
    for qid, text in answers.items():
        g=gold[qid]; vs=judge_answer(text, g.claims, as_of=dt.date(2026,11,26))
        ess=[v for c,v in zip(g.claims,vs) if c.kind=='essential' and v.applies]
        if ess: rec.append(sum(v.verdict=='supported' for v in ess)/len(ess))
        for c,v in zip(g.claims,vs):
            cnt[v.verdict]+=1
            if v.verdict in ('contradicted',) or (v.verdict=='stated' and v.applies):
                bad.append((qid,c.id,v.verdict,v.reason[:140]))
    print(f"{name}: recall {sum(rec)/len(rec):.3f} {dict(cnt)} problems {len(bad)}")
    return bad
run('gold', {q: g.answer for q,g in gold.items()})
for s in ('careful','jargon'):
    a={}
    for line in open(f'evals/samples/oncology/{s}.jsonl'):
        if line.strip(): r=json.loads(line); a[r['question_id']]=r['answer']
    for x in run(s,a): print('   ',x)
a={}
for line in open('evals/samples/oncology/outdated.jsonl'):
    if line.strip(): r=json.loads(line); a[r['question_id']]=r['answer']
_od = run("outdated", a); print(len(_od))
for x in _od: print("   OD", x)
for x in run('gold2', {q: g.answer for q,g in gold.items()}): print(x)
bad=run('quoted-question', {q.id: f'I can\'t answer "{q.question}" for you. Please ask your care team.' for q in b.questions})
for x in bad[:10]: print('  ', x)
