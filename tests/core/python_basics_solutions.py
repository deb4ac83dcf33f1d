"""For every exercise of the bundled Python basics course: a reference solution, a plausible wrong one,
and words the wrong one's failure message must contain (it says what is wrong, not only that it is)."""

from __future__ import annotations

VEC2 = '''
class Vec2:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def __add__(self, other):
        return Vec2(self.x + other.x, self.y + other.y)
    def __mul__(self, k):
        return Vec2(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __repr__(self):
        return f"Vec2({self.x}, {self.y})"
'''
NP = "import numpy as np\n"

PYTHON_BASICS: dict[str, tuple[str, str, str]] = {
    "py-01-values-and-lists/average": (
        "def average(xs):\n    return sum(xs) / len(xs)\n",
        "def average(xs):\n    return sum(xs) // len(xs)\n",
        "use /, not //",
    ),
    "py-01-values-and-lists/last-three": (
        "def last_three(xs):\n    return xs[-3:]\n",
        "def last_three(xs):\n    return xs[-3:-1]\n",
        "leave the end out",
    ),
    "py-01-values-and-lists/running-total": (
        "def running_total(xs):\n    out, total = [], 0\n    for x in xs:\n        total += x\n"
        "        out.append(total)\n    return out\n",
        "def running_total(xs):\n    for i in range(1, len(xs)):\n        xs[i] += xs[i - 1]\n    return xs\n",
        "changed its input",
    ),
    "py-02-dicts/word-counts": (
        "def word_counts(text):\n    counts = {}\n    for w in text.lower().split():\n"
        "        counts[w] = counts.get(w, 0) + 1\n    return counts\n",
        "def word_counts(text):\n    counts = {}\n    for w in text.split():\n"
        "        counts[w] = counts.get(w, 0) + 1\n    return counts\n",
        "lower-case the text",
    ),
    "py-02-dicts/invert": (
        "def invert(d):\n    return {v: k for k, v in d.items()}\n",
        "def invert(d):\n    return dict(d)\n",
        "the values must become the keys",
    ),
    "py-02-dicts/stoi": (
        "stoi = {ch: i for i, ch in enumerate('abcdefghijklmnopqrstuvwxyz', start=1)}\nstoi['.'] = 0\n"
        "itos = {i: ch for ch, i in stoi.items()}\n",
        "stoi = {ch: i for i, ch in enumerate('abcdefghijklmnopqrstuvwxyz')}\nstoi['.'] = 0\n"
        "itos = {i: ch for ch, i in stoi.items()}\n",
        "start counting at 1",
    ),
    "py-03-comprehensions/squares-of-odds": (
        "def squares_of_odds(n):\n    return [x * x for x in range(n) if x % 2 == 1]\n",
        "def squares_of_odds(n):\n    return [x * x for x in range(n)]\n",
        "keep only the odd numbers",
    ),
    "py-03-comprehensions/bigrams": (
        "def bigrams(word):\n    chs = ['.'] + list(word) + ['.']\n    return list(zip(chs, chs[1:]))\n",
        "def bigrams(word):\n    return list(zip(word, word[1:]))\n",
        "add '.' at both ends",
    ),
    "py-03-comprehensions/vocabulary": (
        "def vocabulary(words):\n    return sorted({ch for w in words for ch in w})\n",
        "def vocabulary(words):\n    return sorted(ch for w in words for ch in w)\n",
        "repeats characters",
    ),
    "py-03-comprehensions/flatten": (
        "def flatten(rows):\n    return [x for row in rows for x in row]\n",
        "def flatten(rows):\n    return [row for row in rows]\n",
        "take each item out of each row",
    ),
    "py-04-functions/power": (
        "def power(x, n=2):\n    return x ** n\n",
        "def power(x, n=3):\n    return x ** n\n",
        "give n the default 2",
    ),
    "py-04-functions/derivative": (
        "def derivative(f, x, h=1e-5):\n    return (f(x + h) - f(x - h)) / (2 * h)\n",
        "def derivative(f, x, h=1e-5):\n    return (f(x + h) - f(x - h)) / h\n",
        "divide by 2 * h",
    ),
    "py-04-functions/compose": (
        "def compose(f, g):\n    def h(x):\n        return f(g(x))\n    return h\n",
        "def compose(f, g):\n    return lambda x: g(f(x))\n",
        "apply g (double) first",
    ),
    "py-04-functions/counter": (
        "def make_counter():\n    count = 0\n    def next_number():\n        nonlocal count\n"
        "        count += 1\n        return count\n    return next_number\n",
        "def make_counter():\n    def next_number():\n        count = 0\n        count += 1\n"
        "        return count\n    return next_number\n",
        "nonlocal",
    ),
    "py-05-classes/vec-add": (
        VEC2,
        "class Vec2:\n    def __init__(self, x, y):\n        self.x, self.y = x, y\n"
        "    def __add__(self, other):\n        self.x += other.x\n        self.y += other.y\n        return self\n",
        "return a new Vec2",
    ),
    "py-05-classes/vec-repr": (
        VEC2,
        VEC2.replace("    def __repr__(self):\n        return f\"Vec2({self.x}, {self.y})\"\n", ""),
        "define __repr__",
    ),
    "py-05-classes/vec-scale": (
        VEC2,
        VEC2.replace("    def __rmul__(self, k):\n        return self * k\n", ""),
        "define __rmul__",
    ),
    "py-05-classes/dataset": (
        "class Names:\n    def __init__(self, names):\n        self.names = list(names)\n"
        "    def __len__(self):\n        return len(self.names)\n    def __getitem__(self, i):\n"
        "        return self.names[i]\n",
        "class Names:\n    def __init__(self, names):\n        self.names = list(names)\n"
        "    def __getitem__(self, i):\n        return self.names[i]\n",
        "define __len__",
    ),
    "py-06-exceptions-and-files/safe-divide": (
        "def safe_divide(a, b):\n    try:\n        return a / b\n    except ZeroDivisionError:\n        return None\n",
        "def safe_divide(a, b):\n    return a / b\n",
        "catch it with try/except",
    ),
    "py-06-exceptions-and-files/parse-number": (
        "def parse_number(text):\n    try:\n        return float(text)\n    except ValueError:\n"
        "        raise ValueError(f'not a number: {text!r}') from None\n",
        "def parse_number(text):\n    try:\n        return float(text)\n    except ValueError:\n        return None\n",
        "it should raise ValueError",
    ),
    "py-06-exceptions-and-files/save-load": (
        "def save_lines(path, lines):\n    with open(path, 'w') as f:\n        for line in lines:\n"
        "            f.write(line + '\\n')\n\ndef load_lines(path):\n    with open(path) as f:\n"
        "        return f.read().splitlines()\n",
        "def save_lines(path, lines):\n    with open(path, 'w') as f:\n        for line in lines:\n"
        "            f.write(line + '\\n')\n\ndef load_lines(path):\n    with open(path) as f:\n"
        "        return f.readlines()\n",
        "kept the line endings",
    ),
    "py-06-exceptions-and-files/read-words": (
        "def read_words(path):\n    with open(path) as f:\n        return [w.strip() for w in f if w.strip()]\n",
        "def read_words(path):\n    with open(path) as f:\n        return [w.strip() for w in f]\n",
        "kept an empty line",
    ),
    "py-07-numpy-arrays/grid": (
        NP + "def grid(n, m):\n    return np.arange(n * m).reshape(n, m)\n",
        NP + "def grid(n, m):\n    return np.arange(n * m).reshape(m, n)\n",
        "rows first, then columns",
    ),
    "py-07-numpy-arrays/column-means": (
        NP + "def column_means(a):\n    return a.mean(axis=0)\n",
        NP + "def column_means(a):\n    return a.mean(axis=1)\n",
        "average over axis 0",
    ),
    "py-07-numpy-arrays/positives": (
        NP + "def positives(a):\n    return a[a > 0]\n",
        NP + "def positives(a):\n    return a > 0\n",
        "index the array with it",
    ),
    "py-07-numpy-arrays/pick": (
        NP + "def pick(a, rows, cols):\n    return a[rows, cols]\n",
        NP + "def pick(a, rows, cols):\n    return a[rows][:, cols]\n",
        "use a[rows, cols]",
    ),
    "py-08-broadcasting-and-vectorising/normalize-rows": (
        NP + "def normalize_rows(counts):\n    return counts / counts.sum(axis=1, keepdims=True)\n",
        NP + "def normalize_rows(counts):\n    return counts / counts.sum(axis=1)\n",
        "use keepdims=True",
    ),
    "py-08-broadcasting-and-vectorising/pairwise-sums": (
        NP + "def pairwise_sums(a, b):\n    return a[:, None] + b[None, :]\n",
        NP + "def pairwise_sums(a, b):\n    return np.concatenate([a, b])\n",
        "a[:, None]",
    ),
    "py-08-broadcasting-and-vectorising/distances": (
        NP + "def fast_distances(points, center):\n    return np.sqrt(((points - center) ** 2).sum(axis=1))\n",
        NP + "def fast_distances(points, center):\n    return ((points - center) ** 2).sum(axis=1)\n",
        "take np.sqrt",
    ),
    "py-08-broadcasting-and-vectorising/one-hot": (
        NP + "def one_hot(ix, n):\n    out = np.zeros((len(ix), n))\n    out[np.arange(len(ix)), ix] = 1\n"
        "    return out\n",
        NP + "def one_hot(ix, n):\n    out = np.zeros((n, len(ix)))\n    out[ix, np.arange(len(ix))] = 1\n"
        "    return out\n",
        "one row per index",
    ),
    "py-08-broadcasting-and-vectorising/tanh-layer": (
        NP + "def layer(x, W, b):\n    return np.tanh(x @ W + b)\n",
        NP + "def layer(x, W, b):\n    return x @ W + b\n",
        "squash it with np.tanh",
    ),
}
