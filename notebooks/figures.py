#!/usr/bin/env python3
"""The course's diagrams, drawn as SVG by this script and embedded in the chapters.

    notebooks/.venv/bin/python notebooks/figures.py [--check] [--write DIR]

A diagram is a markdown cell of its own whose metadata names it,
`"fearec": {"figure": "fea-layer", "alt": "what it shows"}`; this script writes its source:
one image, the SVG it draws as a data URL (`![alt](data:image/svg+xml;base64,...)`). The picture so
travels with the notebook, into JupyterLab, nbgrader's student version and the rendered book.
(JupyterLab renders cell attachments only for raster images, and no file has to be copied next
to the chapter.) It is deterministic: run it after changing a diagram or adding a figure cell;
--check changes nothing and exits 1 when a chapter is not up to date (the tests run it that way);
--write DIR also saves each SVG as DIR/NAME.svg. Only the Python standard library is used.
"""

import argparse
import base64
import glob
import json
import os
import sys
from xml.sax.saxutils import escape

import course

NB_DIR = os.path.dirname(os.path.abspath(__file__))
FONT = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
LINE = 16  # px between text lines
COLOURS = {"data": "#eef4fb", "op": "#fdf3e4", "loss": "#fbe9e9", "freq": "#e9f5ec",
           "time": "#f1ecf8", "note": "#ffffff"}


class Figure:
    """Boxes with centred text and straight arrows, in a fixed coordinate system."""

    def __init__(self, width, height, title):
        self.width, self.height, self.title = width, height, title
        self.items = []

    def box(self, x, y, w, h, text, kind="op", bold_first=False):
        self.items.append('<rect x="%d" y="%d" width="%d" height="%d" rx="6" fill="%s" stroke="#555"/>'
                          % (x, y, w, h, COLOURS[kind]))
        lines = text.split("\n")
        top = y + h / 2 - (len(lines) - 1) * LINE / 2 + 4
        for n, line in enumerate(lines):
            weight = ' font-weight="bold"' if bold_first and n == 0 else ""
            self.items.append('<text x="%.1f" y="%.1f" text-anchor="middle"%s>%s</text>'
                              % (x + w / 2, top + n * LINE, weight, escape(line)))
        return (x, y, w, h)

    def arrow(self, x1, y1, x2, y2, label=None, dashed=False, side="right"):
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        self.items.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333" stroke-width="1.5"%s'
                          ' marker-end="url(#head)"/>' % (x1, y1, x2, y2, dash))
        if label:
            mx, my = (x1 + x2) / 2, (y1 + y2) / 2
            if side == "right":
                self.items.append('<text x="%.1f" y="%.1f" font-size="12" fill="#333">%s</text>'
                                  % (mx + 6, my + 4, escape(label)))
            elif side == "left":
                self.items.append('<text x="%.1f" y="%.1f" font-size="12" fill="#333" text-anchor="end">%s</text>'
                                  % (mx - 6, my + 4, escape(label)))
            else:
                self.items.append('<text x="%.1f" y="%.1f" font-size="12" fill="#333" text-anchor="middle">%s</text>'
                                  % (mx, my - 6, escape(label)))

    def text(self, x, y, text, anchor="start", size=12, italic=False):
        style = ' font-style="italic"' if italic else ""
        for n, line in enumerate(text.split("\n")):
            self.items.append('<text x="%d" y="%d" font-size="%d" text-anchor="%s"%s fill="#333">%s</text>'
                              % (x, y + n * (size + 3), size, anchor, style, escape(line)))

    def svg(self):
        head = ('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d"'
                ' font-family="%s" font-size="13">\n<title>%s</title>\n'
                '<defs><marker id="head" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7"'
                ' markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/>'
                '</marker></defs>\n<rect width="100%%" height="100%%" fill="white"/>\n'
                % (self.width, self.height, self.width, self.height, FONT, escape(self.title)))
        return head + "\n".join(self.items) + "\n</svg>\n"


def training_step():
    f = Figure(900, 320, "One training step: forward, loss, backward, Adam")
    f.text(20, 24, "forward", size=13, italic=True)
    f.box(20, 40, 150, 64, "batch\ninput rows (B, N)\ntargets (B)", "data", True)
    f.box(210, 40, 170, 64, "embedding + encoder\nE, then L layers\n(B, N, d)", "op", True)
    f.box(420, 40, 150, 64, "user vector h\nposition len - 1\n(B, d)", "data", True)
    f.box(610, 40, 130, 64, "scores h M_I^T\n(B, |I| + 1)", "op", True)
    f.box(780, 40, 100, 64, "loss\ncross-entropy\nover all ids", "loss", True)
    for x1, x2 in ((170, 210), (380, 420), (570, 610), (740, 780)):
        f.arrow(x1, 72, x2, 72)
    f.arrow(830, 104, 830, 200, "collector.backward(loss)", dashed=True, side="left")
    f.text(20, 190, "backward and update", size=13, italic=True)
    f.box(760, 200, 130, 70, "gradients\ndl/dw of\nevery weight", "loss", True)
    f.box(410, 200, 310, 70, "Adam, per weight\nm <- b1 m + (1-b1) g,  v <- b2 v + (1-b2) g^2\nw <- w - lr m^ / (sqrt(v^) + eps)", "op", True)
    f.arrow(760, 235, 720, 235)
    f.box(200, 200, 190, 70, "parameters\nembedding, layers,\nitem table M_I", "data", True)
    f.arrow(410, 235, 390, 235)
    f.arrow(295, 200, 295, 104, "next step", side="right")
    f.text(20, 304, "TrainingStep runs this once per batch; ModelTrainer loops it over shuffled batches and epochs,"
           " validating after every epoch.", size=12)
    return f.svg()


def fea_layer():
    f = Figure(800, 640, "One FEA layer: two attention branches, the alpha mix, the feed-forward block")
    f.box(280, 16, 200, 40, "layer input X  (B, N, d)", "data", True)
    f.box(250, 86, 260, 40, "Q, K, V = three dense projections of X", "op")
    f.arrow(380, 56, 380, 86)
    # frequency branch (left)
    f.box(30, 160, 300, 56, "band filter on Q, K: keep the bins of\nthis layer's band (the ramp, chapter 3)", "freq")
    f.box(30, 236, 300, 56, "lag scores: irfft(Q~ conj(K~)),\nmean over channels (chapter 4)", "freq")
    f.box(30, 312, 300, 56, "top-k lags, softmax of their scores\n(per batch in training, per row at inference)", "freq")
    f.box(30, 388, 300, 56, "time-delay aggregation of the UNFILTERED V:\nA_freq[t] = sum_i w_i V[(t + tau_i) mod N]", "freq")
    for y in (216, 292, 368):
        f.arrow(180, y, 180, y + 20)
    f.arrow(320, 126, 180, 160)
    # time branch (right)
    f.box(430, 160, 300, 56, "band filter on Q, K and V\n(the same band)", "time")
    f.box(430, 236, 300, 132, "causal multi-head attention\nsoftmax(Q~ K~^T / sqrt(e) + mask) V~\nmask: keys s <= t, no padding\n\nA_time", "time")
    f.arrow(440, 126, 580, 160)
    f.arrow(580, 216, 580, 236)
    f.text(30, 150, "frequency branch, weight 1 - alpha", size=12, italic=True)
    f.text(430, 150, "time branch, weight alpha", size=12, italic=True)
    f.box(230, 470, 300, 40, "A = (1 - alpha) A_freq + alpha A_time", "op", True)
    f.arrow(180, 444, 300, 470)
    f.arrow(580, 368, 460, 470)
    f.box(180, 530, 400, 40, "Y = LayerNorm(X + Dropout(Dense(A)))", "op")
    f.arrow(380, 510, 380, 530)
    f.box(150, 590, 460, 40, "output = LayerNorm(Y + Dropout(Dense(GELU(Dense(Y)))))", "op")
    f.arrow(380, 570, 380, 590)
    f.text(620, 520, "layer l keeps band l:\nlayer 0 the high bins,\ndeeper layers lower ones;\nno causal mask in the\nfrequency branch", size=11, italic=True)
    return f.svg()


def evaluation():
    f = Figure(900, 400, "Leave-one-out evaluation and the three ways to rank a target")
    f.box(20, 20, 300, 44, "one user's items  i_1 ... i_n  (oldest first)", "data", True)
    f.box(20, 100, 260, 56, "training part i_1 ... i_(n-2)\nevery prefix -> its next item", "data")
    f.box(300, 100, 260, 56, "validation: input i_1 ... i_(n-2)\ntarget i_(n-1): selects the epoch", "data")
    f.box(580, 100, 300, 56, "test: input i_1 ... i_(n-1)\ntarget i_n: reported once, at the end", "data")
    f.arrow(150, 64, 150, 100)
    f.arrow(250, 64, 430, 100)
    f.arrow(300, 64, 700, 100)
    f.box(400, 190, 300, 44, "scores of all |I| items for the input", "op", True)
    f.arrow(700, 156, 600, 190)
    f.arrow(430, 156, 500, 190)
    f.box(20, 270, 270, 70, "history kept (FEARec authors' code)\nrank among all items", "op", True)
    f.box(310, 270, 280, 70, "history removed (FMLP-Rec family)\nthe user's past items taken out", "op", True)
    f.box(610, 270, 270, 70, "sampled (older papers)\nrank among e.g. 100 sampled\nnegatives only", "op", True)
    for x in (155, 450, 745):
        f.arrow(550, 234, x, 270)
    f.text(20, 362, "rank = how many competing items score at least as high as the target (ties count against it)\n"
           "HR@K = [rank < K],  NDCG@K = [rank < K] / log2(rank + 2)", size=12)
    return f.svg()


FIGURES = {"training-step": training_step, "fea-layer": fea_layer, "evaluation": evaluation}


def chapters():
    return sorted(glob.glob(os.path.join(NB_DIR, "[0-9][0-9]-*.ipynb")))


def figure_source(name, alt):
    data = base64.b64encode(FIGURES[name]().encode()).decode()
    return "![%s](data:image/svg+xml;base64,%s)" % (alt.replace("]", ")"), data)


def updated(path):
    """(old text, new text) of a chapter with every figure cell's source drawn anew."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    nb = json.loads(text)
    for index, cell in enumerate(nb["cells"]):
        meta = cell.get("metadata", {}).get("fearec", {}) or {}
        if "figure" not in meta:
            continue
        name = meta["figure"]
        if cell["cell_type"] != "markdown" or name not in FIGURES or not meta.get("alt"):
            raise SystemExit("%s: cell index %d: a figure cell is a markdown cell with metadata "
                             "fearec.figure (one of %s) and fearec.alt" % (os.path.basename(path), index, ", ".join(sorted(FIGURES))))
        cell["source"] = [figure_source(name, meta["alt"])]
        cell.pop("attachments", None)
    return text, json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main(argv=None):
    p = argparse.ArgumentParser(description="Draw the course's diagrams into the chapters' attachments.")
    p.add_argument("--check", action="store_true", help="change nothing; exit 1 if a chapter is out of date")
    p.add_argument("--write", metavar="DIR", help="also save every figure as DIR/NAME.svg")
    args = p.parse_args(argv)
    if args.write:
        os.makedirs(args.write, exist_ok=True)
        for name, draw in FIGURES.items():
            with open(os.path.join(args.write, name + ".svg"), "w", encoding="utf-8") as f:
                f.write(draw())
    return course.rewrite_notebooks(chapters(), updated, args.check)


if __name__ == "__main__":
    sys.exit(main())
