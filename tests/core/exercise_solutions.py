"""A reference solution and a wrong one for every bundled exercise, keyed "<lesson id>/<exercise id>".

The right one must pass the exercise's check in a real kernel; the wrong one (a plausible
mistake) and an empty namespace must fail it.
"""

from __future__ import annotations

from tests.core.python_basics_solutions import PYTHON_BASICS

MICROGRAD = '''
import math

class Value:
    def __init__(self, data, _children=(), _op=""):
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = set(_children)
        self._op = _op

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other), "+")
        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")
        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    __radd__ = __add__
    __rmul__ = __mul__

    def tanh(self):
        t = math.tanh(self.data)
        out = Value(t, (self,), "tanh")
        def _backward():
            self.grad += (1 - t**2) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        order, seen = [], set()
        def build(node):
            if node not in seen:
                seen.add(node)
                for child in node._prev:
                    build(child)
                order.append(node)
        build(self)
        self.grad = 1.0
        for node in reversed(order):
            node._backward()
'''

# Gradients overwrite instead of accumulating: right for trees, wrong when a node is reused.
MICROGRAD_OVERWRITES = MICROGRAD.replace("self.grad += out.grad\n            other.grad += out.grad",
                                         "self.grad = out.grad\n            other.grad = out.grad").replace(
    "self.grad += other.data * out.grad\n            other.grad += self.data * out.grad",
    "self.grad = other.data * out.grad\n            other.grad = self.data * out.grad")

MLP = MICROGRAD + '''
import random

class Neuron:
    def __init__(self, nin):
        self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
        self.b = Value(random.uniform(-1, 1))
    def __call__(self, x):
        return sum((wi * xi for wi, xi in zip(self.w, x)), self.b).tanh()
    def parameters(self):
        return self.w + [self.b]

class Layer:
    def __init__(self, nin, nout):
        self.neurons = [Neuron(nin) for _ in range(nout)]
    def __call__(self, x):
        outs = [n(x) for n in self.neurons]
        return outs[0] if len(outs) == 1 else outs
    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]

class MLP:
    def __init__(self, nin, nouts):
        sizes = [nin] + nouts
        self.layers = [Layer(sizes[i], sizes[i + 1]) for i in range(len(nouts))]
    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]
'''

STOI = 'def stoi(ch):\n    return 0 if ch == "." else ord(ch) - ord("a") + 1\n'

SOFTMAX = '''
import numpy as np
def softmax(x):
    x = np.asarray(x, dtype=float)
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
'''

SOLUTIONS: dict[str, tuple[str, str]] = {
    "zth-01-micrograd/slope": (
        "def slope(f, x, h=1e-6):\n    return (f(x + h) - f(x)) / h\n",
        "def slope(f, x, h=1e-6):\n    return (f(x + h) - f(x))\n",  # forgot to divide by h
    ),
    "zth-01-micrograd/value-forward": (MICROGRAD, MICROGRAD.replace("self.data + other.data", "self.data - other.data")),
    "zth-01-micrograd/manual-backprop": (MICROGRAD, MICROGRAD.replace("self.grad = 1.0", "pass")),
    "zth-01-micrograd/reused-node": (MICROGRAD, MICROGRAD_OVERWRITES),
    "zth-01-micrograd/tanh-neuron": (MICROGRAD, MICROGRAD.replace("(1 - t**2) * out.grad", "(1 - t) * out.grad")),
    "zth-01-micrograd/torch-neuron": (
        '''
import torch
x1 = torch.tensor([2.0]).double(); x1.requires_grad = True
x2 = torch.tensor([0.0]).double(); x2.requires_grad = True
w1 = torch.tensor([-3.0]).double(); w1.requires_grad = True
w2 = torch.tensor([1.0]).double(); w2.requires_grad = True
b = torch.tensor([6.8813735870195432]).double(); b.requires_grad = True
o = torch.tanh(x1 * w1 + x2 * w2 + b)
o.backward()
torch_grads = {"x1": x1.grad.item(), "x2": x2.grad.item(), "w1": w1.grad.item(), "w2": w2.grad.item()}
''',
        'torch_grads = {"x1": 1.5, "x2": 0.5, "w1": 1.0, "w2": 0.0}\n',
    ),
    "zth-01-micrograd/mlp-parameters": (MLP, MLP.replace("return self.w + [self.b]", "return self.w")),
    "zth-02-makemore-bigrams/bigram-counts": (
        '''
def count_bigrams(words):
    counts = {}
    for w in words:
        chs = ["."] + list(w) + ["."]
        for a, b in zip(chs, chs[1:]):
            counts[(a, b)] = counts.get((a, b), 0) + 1
    return counts
''',
        '''
def count_bigrams(words):
    counts = {}
    for w in words:
        for a, b in zip(w, w[1:]):
            counts[(a, b)] = counts.get((a, b), 0) + 1
    return counts
''',
    ),
    "zth-02-makemore-bigrams/bigram-matrix": (
        STOI + '''
import numpy as np
def bigram_matrix(words, smoothing=1):
    N = np.zeros((27, 27)) + smoothing
    for w in words:
        chs = ["."] + list(w) + ["."]
        for a, b in zip(chs, chs[1:]):
            N[stoi(a), stoi(b)] += 1
    return N / N.sum(axis=1, keepdims=True)
''',
        STOI + '''
import numpy as np
def bigram_matrix(words, smoothing=1):
    N = np.zeros((27, 27)) + smoothing
    for w in words:
        chs = ["."] + list(w) + ["."]
        for a, b in zip(chs, chs[1:]):
            N[stoi(a), stoi(b)] += 1
    return N / N.sum(axis=0)
''',
    ),
    "zth-02-makemore-bigrams/average-nll": (
        STOI + '''
import numpy as np
def average_nll(P, words):
    total, n = 0.0, 0
    for w in words:
        chs = ["."] + list(w) + ["."]
        for a, b in zip(chs, chs[1:]):
            total += -np.log(P[stoi(a), stoi(b)])
            n += 1
    return total / n
''',
        STOI + '''
import numpy as np
def average_nll(P, words):
    total, n = 0.0, 0
    for w in words:
        chs = ["."] + list(w) + ["."]
        for a, b in zip(chs, chs[1:]):
            total += np.log(P[stoi(a), stoi(b)])
            n += 1
    return total / n
''',
    ),
    "zth-02-makemore-bigrams/softmax": (
        SOFTMAX,
        "import numpy as np\ndef softmax(x):\n    e = np.exp(np.asarray(x, dtype=float))\n    return e / e.sum(axis=-1, keepdims=True)\n",
    ),
    "zth-03-makemore-mlp/build-dataset": (
        STOI + '''
def build_dataset(words, block_size=3):
    X, Y = [], []
    for w in words:
        context = [0] * block_size
        for ch in w + ".":
            ix = stoi(ch)
            X.append(context)
            Y.append(ix)
            context = context[1:] + [ix]
    return X, Y
''',
        STOI + '''
def build_dataset(words, block_size=3):
    X, Y = [], []
    context = [0] * block_size
    for w in words:
        for ch in w + ".":
            ix = stoi(ch)
            X.append(context)
            Y.append(ix)
            context = context[1:] + [ix]
    return X, Y
''',
    ),
    "zth-03-makemore-mlp/cross-entropy": (
        '''
import numpy as np
def cross_entropy(logits, targets):
    z = logits - logits.max(1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(1, keepdims=True))
    return -logp[np.arange(len(targets)), targets].mean()
''',
        '''
import numpy as np
def cross_entropy(logits, targets):
    p = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    return -np.log(p[np.arange(len(targets)), targets]).mean()
''',
    ),
    "zth-04-makemore-batchnorm/initial-loss": (
        "import math\ndef expected_initial_loss(vocab_size):\n    return -math.log(1 / vocab_size)\n",
        "import math\ndef expected_initial_loss(vocab_size):\n    return math.log(1 / vocab_size)\n",
    ),
    "zth-04-makemore-batchnorm/kaiming-std": (
        "import math\ndef kaiming_std(fan_in, gain=5/3):\n    return gain / math.sqrt(fan_in)\n",
        "import math\ndef kaiming_std(fan_in, gain=5/3):\n    return gain / fan_in\n",
    ),
    "zth-04-makemore-batchnorm/batchnorm-forward": (
        '''
import numpy as np
def batchnorm(x, gamma, beta, eps=1e-5):
    return gamma * (x - x.mean(0, keepdims=True)) / np.sqrt(x.var(0, keepdims=True) + eps) + beta
''',
        '''
import numpy as np
def batchnorm(x, gamma, beta, eps=1e-5):
    return gamma * (x - x.mean(1, keepdims=True)) / np.sqrt(x.var(1, keepdims=True) + eps) + beta
''',
    ),
    "zth-05-makemore-backprop-ninja/bessel": (
        "def unbiased_variance(x):\n    x = list(x)\n    m = sum(x) / len(x)\n    return sum((v - m) ** 2 for v in x) / (len(x) - 1)\n",
        "def unbiased_variance(x):\n    x = list(x)\n    m = sum(x) / len(x)\n    return sum((v - m) ** 2 for v in x) / len(x)\n",
    ),
    "zth-05-makemore-backprop-ninja/cross-entropy-backward": (
        SOFTMAX + '''
def dlogits(logits, targets):
    n = logits.shape[0]
    p = softmax(logits)
    p[np.arange(n), targets] -= 1
    return p / n
''',
        SOFTMAX + '''
def dlogits(logits, targets):
    n = logits.shape[0]
    p = softmax(logits)
    p[np.arange(n), targets] -= 1
    return p
''',
    ),
    "zth-07-gpt/causal-average": (
        '''
import numpy as np
def causal_average(x):
    T = x.shape[0]
    w = np.tril(np.ones((T, T)))
    return (w / w.sum(1, keepdims=True)) @ x
''',
        '''
import numpy as np
def causal_average(x):
    T = x.shape[0]
    w = np.ones((T, T)) / T
    return w @ x
''',
    ),
    "zth-07-gpt/masked-softmax": (
        SOFTMAX + '''
def causal_weights(scores):
    T = scores.shape[0]
    return softmax(np.where(np.tril(np.ones((T, T))) == 0, -np.inf, scores))
''',
        SOFTMAX + "def causal_weights(scores):\n    return softmax(scores)\n",
    ),
    "zth-07-gpt/scaled-scores": (
        "def attention_scores(q, k):\n    return q @ k.T / q.shape[-1] ** 0.5\n",
        "def attention_scores(q, k):\n    return q @ k.T\n",
    ),
    "zth-08-tokenizer/get-stats": (
        "def get_stats(ids):\n    counts = {}\n    for pair in zip(ids, ids[1:]):\n        counts[pair] = counts.get(pair, 0) + 1\n    return counts\n",
        "def get_stats(ids):\n    return {pair: 1 for pair in zip(ids, ids[1:])}\n",
    ),
    "zth-08-tokenizer/merge": (
        '''
def merge(ids, pair, idx):
    out, i = [], 0
    while i < len(ids):
        if i < len(ids) - 1 and (ids[i], ids[i + 1]) == pair:
            out.append(idx)
            i += 2
        else:
            out.append(ids[i])
            i += 1
    return out
''',
        '''
def merge(ids, pair, idx):
    out = []
    for i in range(len(ids) - 1):
        out.append(idx if (ids[i], ids[i + 1]) == pair else ids[i])
    return out
''',
    ),
    "nn3b-01-what-is-a-neural-network/count-parameters": (
        "def count_parameters(sizes):\n    return sum(a * b + b for a, b in zip(sizes, sizes[1:]))\n",
        "def count_parameters(sizes):\n    return sum(a * b for a, b in zip(sizes, sizes[1:]))\n",
    ),
    "nn3b-01-what-is-a-neural-network/layer-forward": (
        "import numpy as np\ndef layer(a, W, b):\n    return 1 / (1 + np.exp(-(W @ a + b)))\n",
        "import numpy as np\ndef layer(a, W, b):\n    return 1 / (1 + np.exp(-(W @ a)))\n",
    ),
    "nn3b-02-gradient-descent/descend": (
        "def descend(grad, x0, lr, steps):\n    x = x0\n    for _ in range(steps):\n        x = x - lr * grad(x)\n    return x\n",
        "def descend(grad, x0, lr, steps):\n    x = x0\n    for _ in range(steps):\n        x = x + lr * grad(x)\n    return x\n",
    ),
    "nn3b-04-backpropagation-calculus/chain-rule": (
        '''
import math
def dcost_dweight(w, b, a_prev, y):
    z = w * a_prev + b
    a = 1 / (1 + math.exp(-z))
    return a_prev * a * (1 - a) * 2 * (a - y)
''',
        '''
import math
def dcost_dweight(w, b, a_prev, y):
    z = w * a_prev + b
    a = 1 / (1 + math.exp(-z))
    return a_prev * 2 * (a - y)
''',
    ),
    "nn3b-05-transformers/temperature": (
        "import numpy as np\ndef softmax_t(logits, temperature=1.0):\n    z = np.asarray(logits, dtype=float) / temperature\n"
        "    e = np.exp(z - z.max())\n    return e / e.sum()\n",
        "import numpy as np\ndef softmax_t(logits, temperature=1.0):\n    z = np.asarray(logits, dtype=float) * temperature\n"
        "    e = np.exp(z - z.max())\n    return e / e.sum()\n",
    ),
    "nn3b-06-attention/attention": (
        SOFTMAX + "def attention(Q, K, V):\n    return softmax(Q @ K.T / np.sqrt(Q.shape[-1])) @ V\n",
        SOFTMAX + "def attention(Q, K, V):\n    return softmax(Q @ K.T) @ V\n",
    ),
}
SOLUTIONS.update({key: (right, wrong) for key, (right, wrong, _) in PYTHON_BASICS.items()})
