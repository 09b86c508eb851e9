"""The code cells of the two notebooks in ``../shared/seeds/``, verbatim, in order.

``export_tour.py`` runs them with a fixed seed per notebook and records what each cell printed;
``tour/`` replays the same cells in Java and compares. A cell is ``(label, source)``; the label
is the notebook's own ``In [n]`` (``In [ ]`` where the recorded notebook has none).
"""

# d2l.ai, "Parameter Management" with lazy layers (seeds/000_*.txt)
D2L = [
    ("In [44]", """\
import torch
from torch import nn
from torch.nn import functional as F
"""),
    ("In [3]", """\
net = nn.Sequential(nn.LazyLinear(8),
                    nn.ReLU(),
                    nn.LazyLinear(1))

X = torch.rand(size=(2, 4))
net(X).shape
"""),
    ("In [16]", """\
net
"""),
    ("In [15]", """\
net[0].state_dict()
"""),
    ("In [20]", """\
net[2].state_dict()
"""),
    ("In [21]", """\
type(net[2].bias), net[2].bias.data
"""),
    ("In [22]", """\
net[2].weight.grad == None
"""),
    ("In [33]", """\

[(name, param) for name, param in net.named_parameters()]
"""),
    ("In [ ]", """\
# We need to give the shared layer a name so that we can refer to its
# parameters
shared = nn.LazyLinear(8)
net = nn.Sequential(nn.LazyLinear(8), nn.ReLU(),
                    shared, nn.ReLU(),
                    shared, nn.ReLU(),
                    nn.LazyLinear(1))

net(X)
# Check whether the parameters are the same
print(net[2].weight.data[0] == net[4].weight.data[0])
net[2].weight.data[0, 0] = 100
# Make sure that they are actually the same object rather than just having the
# same value
print(net[2].weight.data[0] == net[4].weight.data[0])
"""),
    ("In [40]", """\
class FixedHiddenMLP(nn.Module):
    def __init__(self):
        super().__init__()
        # Random weight parameters that will not compute gradients and
        # therefore keep constant during training
        self.rand_weight = torch.rand((20, 20))
        self.linear = nn.LazyLinear(20)

    def forward(self, X):
        X = self.linear(X)
        X = F.relu(X @ self.rand_weight + 1)
        # Reuse the fully connected layer. This is equivalent to sharing
        # parameters with two fully connected layers
        X = self.linear(X)
        # Control flow
        while X.abs().sum() > 1:
            X /= 2
        return X.sum()
"""),
    ("In [46]", """\
class NestMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.LazyLinear(64), nn.ReLU(),
                                 nn.LazyLinear(32), nn.ReLU())
        self.linear = nn.LazyLinear(16)

    def forward(self, X):
        return self.linear(self.net(X))

chimera = nn.Sequential(NestMLP(), nn.LazyLinear(20), FixedHiddenMLP())
chimera(X)
"""),
    ("In [47]", """\
chimera[0].state_dict() # LazyLinear(64)
"""),
    ("In [48]", """\
chimera[2].state_dict() # LazyLinear(32)
"""),
]

# "Parameter Management" with eager layers (seeds/004_*.txt)
EAGER = [
    ("In [50]", """\
import torch 
import torch.nn as nn
net = nn.Sequential(nn.Linear(4,8),nn.ReLU(),nn.Linear(8,1))
X = torch.rand(size = (2,4))
net(X)
"""),
    ("In [8]", """\
print(net[0].state_dict()) 
"""),
    ("In [10]", """\
print(net[2].state_dict())
"""),
    ("In [13]", """\
print(type(net[2].bias))
print(net[2].bias)
print(net[2].bias.data)
"""),
    ("In [14]", """\
net[2].weight.grad == None 
"""),
    ("In [22]", """\
print(*[(name,param.shape) for name,param in net[0].named_parameters()])
print(*[(name,param.shape) for name ,param in net.named_parameters()])
"""),
    ("In [23]", """\
net.state_dict()['2.bias'].data
"""),
    ("In [28]", """\
def block1():
  return nn.Sequential(nn.Linear(4,8),nn.ReLU(),nn.Linear(8,4),nn.ReLU())

def block2():
  net = nn.Sequential()
  for i in range(4):
    net.add_module(f'block{i}',block1())
  return net

rgnet = nn.Sequential(block2(),nn.Linear(4,1))
rgnet(X)
"""),
    ("In [29]", """\
print(rgnet)
"""),
    ("In [30]", """\
rgnet[0][1][0].bias.data
"""),
    ("In [34]", """\
def init_normal(m):
  if type(m) == nn.Linear:
    nn.init.normal_(m.weight,mean= 0 ,std=0.01)
    nn.init.zeros_(m.bias)
net.apply(init_normal)
net[0].weight.data,net[0].bias.data[0]
"""),
    ("In [36]", """\
def init_constant(m):#m for model
  if type(m) == nn.Linear:
    nn.init.constant_(m.weight,1)
    nn.init.zeros_(m.bias)
net.apply(init_constant)
net[0].weight.data,net[0].bias.data
"""),
    ("In [40]", """\
def xavier(m):
  if type(m) == nn.Linear:
    nn.init.xavier_uniform_(m.weight)
def init_42(m):
  if type(m) == nn.Linear:
    nn.init.constant_(m.weight,42)
net[0].apply(xavier)
net[2].apply(init_42)

print(net[0].weight.data)
print(net[2].weight.data)
"""),
    ("In [46]", """\
def my_init(m):
  if type(m)==nn.Linear:
    print("Init",*[(name,param.shape) for name,param in m.named_parameters()][0])
    nn.init.uniform_(m.weight,-10,10)
    m.weight.data *= m.weight.data.abs() >=5
net.apply(my_init)
net[0].weight
"""),
    ("In [48]", """\
net[0].weight.data[:] +=1
net[0].weight.data[0,0] = 42
net[0].weight.data
"""),
    ("In [51]", """\
# We need to give the shared layer a name so that we can refer to its
# parameters
shared = nn.Linear(8, 8)
net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), shared, nn.ReLU(), shared,
                    nn.ReLU(), nn.Linear(8, 1))
net(X)
# Check whether the parameters are the same
print(net[2].weight.data[0] == net[4].weight.data[0])
net[2].weight.data[0, 0] = 100
# Make sure that they are actually the same object rather than just having the
# same value
print(net[2].weight.data[0] == net[4].weight.data[0])
"""),
]

# (id, title, seed, seed file, cells): the seed is drawn with torch.manual_seed before the first cell
NOTEBOOKS = [
    ("d2l", "Parameter Management (d2l.ai, lazy layers)", 80, "000_ff3bee1c458d1b1e.txt", D2L),
    ("eager", "Parameter Management (eager layers)", 81, "004_4ef1a0bb2ada9289.txt", EAGER),
]
