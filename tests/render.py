"""Render a fixture call into every supported format, as the tools that export them would.

A fixture call is a list of turns ``(speaker, text, start_s, end_s)``; some renderers split a
turn over two cues or sentences, as real exports do, so reading must merge them back."""
from __future__ import annotations

import csv
import io
import json


def _tc(secs: float, sep: str = ".") -> str:
    ms = round(secs * 1000)
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, ms = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _halves(text: str) -> tuple[str, str]:
    words = text.split()
    cut = max(1, len(words) // 2)
    return " ".join(words[:cut]), " ".join(words[cut:])


def plain(turns):
    return "".join(f"{s}: {t}\n" for s, t, *_ in turns)


def plain_multiline(turns):
    """A title line, then each turn with its text wrapped over two lines."""
    out = ["Call transcript", ""]
    for s, t, *_ in turns:
        a, b = _halves(t)
        out += [f"{s}: {a}", b, ""] if b else [f"{s}: {a}", ""]
    return "\n".join(out)


def plain_bracket_time(turns):
    return "".join(f"[{_tc(a)[:8]}] {s}: {t}\n" for s, t, a, _ in turns)


def plain_name_time(turns):
    return "".join(f"{s} ({int(a) // 60:02d}:{int(a) % 60:02d}): {t}\n" for s, t, a, _ in turns)


def plain_leading_time(turns):
    return "".join(f"{_tc(a)[:8]} {s}: {t}\n" for s, t, a, _ in turns)


def otter(turns):
    return "".join(f"{s}  {int(a) // 60}:{int(a) % 60:02d}\n{t}\n\n" for s, t, a, _ in turns) + \
        "\nTranscribed by a note-taking app\n"


def vtt_zoom(turns):
    out = ["WEBVTT", ""]
    for i, (s, t, a, b) in enumerate(turns, 1):
        out += [str(i), f"{_tc(a)} --> {_tc(b)}", f"{s}: {t}", ""]
    return "\n".join(out)


def vtt_teams(turns):
    """Voice tags, GUID-like cue ids, and every turn split over two cues."""
    out = ["WEBVTT", ""]
    for i, (s, t, a, b) in enumerate(turns):
        first, second = _halves(t)
        mid = round((a + b) / 2, 3)
        out += [f"9f1c/{i}-0", f"{_tc(a)} --> {_tc(mid)}", f"<v {s}>{first}</v>", ""]
        if second:
            out += [f"9f1c/{i}-1", f"{_tc(mid)} --> {_tc(b)}", f"<v {s}>{second}</v>", ""]
    return "\n".join(out)


def srt(turns):
    """``Name:`` on the first cue of a turn only, cue text wrapped over two lines."""
    out = []
    n = 1
    for s, t, a, b in turns:
        first, second = _halves(t)
        mid = round((a + b) / 2, 3)
        out += [str(n), f"{_tc(a, ',')} --> {_tc(mid, ',')}", f"{s}: {first}", ""]
        n += 1
        if second:
            out += [str(n), f"{_tc(mid, ',')} --> {_tc(b, ',')}", *_halves(second), ""]
            n += 1
    return "\n".join(ln for ln in out)


def _table(turns, delimiter):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\n")
    w.writerow(["Speaker", "Start Time", "End Time", "Transcript"])
    for s, t, a, b in turns:
        w.writerow([s, a, b, t])
    return buf.getvalue()


def csv_table(turns):
    return _table(turns, ",")


def tsv_table(turns):
    return _table(turns, "\t")


def gong(turns):
    mono = []
    for s, t, a, b in turns:
        first, second = _halves(t)
        mid = (a + b) / 2
        sentences = [{"start": round(a * 1000), "end": round(mid * 1000), "text": first}]
        if second:
            sentences.append({"start": round(mid * 1000), "end": round(b * 1000), "text": second})
        mono.append({"speakerId": f"id-{s}", "topic": None, "sentences": sentences})
    return json.dumps({"requestId": "r1", "callTranscripts": [{"callId": "c1", "transcript": mono}]})


def aws_segments(turns):
    segs = [{"id": i, "transcript": t, "start_time": f"{a:.2f}", "end_time": f"{b:.2f}",
             "speaker_label": s, "items": []} for i, (s, t, a, b) in enumerate(turns)]
    return json.dumps({"jobName": "job", "results": {"transcripts": [{"transcript": ""}],
                                                     "audio_segments": segs, "items": []}})


def aws_items(turns):
    """The older shape: word items with speaker labels; punctuation is its own item."""
    items = []
    for s, t, a, b in turns:
        words = t.split()
        step = (b - a) / len(words)
        for k, w in enumerate(words):
            core, punct = (w[:-1], w[-1]) if w[-1] in ",.?!" and len(w) > 1 else (w, "")
            items.append({"start_time": f"{a + k * step:.3f}", "end_time": f"{a + (k + 1) * step:.3f}",
                          "speaker_label": s, "type": "pronunciation",
                          "alternatives": [{"confidence": "0.9", "content": core}]})
            if punct:
                items.append({"type": "punctuation", "speaker_label": s,
                              "alternatives": [{"confidence": "0.0", "content": punct}]})
    return json.dumps({"jobName": "job", "results": {"transcripts": [], "items": items}})


def deepgram(turns):
    utts = [{"start": a, "end": b, "transcript": t, "speaker": s, "channel": 0}
            for s, t, a, b in turns]
    return json.dumps({"metadata": {"request_id": "dg-1"}, "results": {"channels": [], "utterances": utts}})


def assemblyai(turns):
    utts = [{"speaker": s, "text": t, "start": round(a * 1000), "end": round(b * 1000)}
            for s, t, a, b in turns]
    return json.dumps({"id": "aai-1", "status": "completed", "utterances": utts})


def whisperx(turns):
    return json.dumps({"segments": [{"start": a, "end": b, "text": " " + t, "speaker": s}
                                    for s, t, a, b in turns]})


def fireflies(turns):
    sentences = []
    for s, t, a, b in turns:
        first, second = _halves(t)
        mid = round((a + b) / 2, 3)
        sentences.append({"index": len(sentences), "speaker_name": s, "text": first,
                          "start_time": a, "end_time": mid})
        if second:
            sentences.append({"index": len(sentences), "speaker_name": s, "text": second,
                              "start_time": mid, "end_time": b})
    return json.dumps({"data": {"transcript": {"id": "ff-1", "sentences": sentences}}})


def segment_list(turns):
    return json.dumps([{"speaker": s, "text": t, "start": a, "end": b} for s, t, a, b in turns])


# name -> (renderer, file extension, what times survive: "both", "start" (whole seconds) or None)
RENDERERS = {
    "text": (plain, ".txt", None),
    "text-multiline": (plain_multiline, ".txt", None),
    "text-bracket-time": (plain_bracket_time, ".txt", "start"),
    "text-name-time": (plain_name_time, ".txt", "start"),
    "text-leading-time": (plain_leading_time, ".txt", "start"),
    "otter": (otter, ".txt", "start"),
    "vtt-zoom": (vtt_zoom, ".vtt", "both"),
    "vtt-teams": (vtt_teams, ".vtt", "both"),
    "srt": (srt, ".srt", "both"),
    "csv": (csv_table, ".csv", "both"),
    "tsv": (tsv_table, ".tsv", "both"),
    "gong": (gong, ".json", "both"),
    "aws-segments": (aws_segments, ".json", "both"),
    "aws-items": (aws_items, ".json", "both"),
    "deepgram": (deepgram, ".json", "both"),
    "assemblyai": (assemblyai, ".json", "both"),
    "whisperx": (whisperx, ".json", "both"),
    "fireflies": (fireflies, ".json", "both"),
    "segment-list": (segment_list, ".json", "both"),
}
