/**
 * The student API: a small, PyTorch-shaped module library ({@link org.paramlab.nn.Module},
 * {@link org.paramlab.nn.Parameter}, {@link org.paramlab.nn.Linear}, {@link org.paramlab.nn.ReLU},
 * {@link org.paramlab.nn.Sequential}) and the notebook's models
 * ({@link org.paramlab.nn.ParameterManagement}).
 *
 * <p>Each method marked "exercise N.M" in its stub is yours to write; its javadoc is the
 * specification, and the grader checks it against what PyTorch does. Run {@code mvn test} to see
 * your score; {@code mvn test -Dexercise=2.2} grades one exercise.
 *
 * <h2>From PyTorch to Java: the chapter's idioms</h2>
 *
 * <p>Every PyTorch idiom of the chapter and how it is written here. {@code net} is the
 * notebook's {@code Sequential(Linear(4, 8), ReLU(), Linear(8, 1))}, {@code w} a weight tensor,
 * {@code m} a module, {@code X} an input.
 *
 * <table class="striped">
 * <caption>PyTorch idioms of "Parameter Management" and their Java form</caption>
 * <thead>
 * <tr><th scope="col">PyTorch</th><th scope="col">Java</th><th scope="col">see</th></tr>
 * </thead>
 * <tbody>
 * <tr><td>{@code from torch import nn}</td>
 *     <td>{@code import org.paramlab.nn.*;} and {@code import org.paramlab.nn.Module;} (with the
 *     wildcard alone, {@code Module} is ambiguous with {@code java.lang.Module}; the single-type
 *     import wins)</td>
 *     <td>{@link org.paramlab.nn.Module}</td></tr>
 * <tr><td>{@code torch.manual_seed(0)}</td>
 *     <td>{@code Generator.manualSeed(0);} (the same numbers as PyTorch's for the same seed)</td>
 *     <td>{@link org.paramlab.tensor.Generator#manualSeed(long)},
 *     {@link org.paramlab.tensor.Generator#getDefault()}</td></tr>
 * <tr><td>{@code X = torch.rand(size=(2, 4))}</td>
 *     <td>{@code Tensor X = Tensor.rand(2, 4);}</td>
 *     <td>{@link org.paramlab.tensor.Tensor#rand(int...)}</td></tr>
 * <tr><td>{@code net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 1))}</td>
 *     <td>{@code Sequential net = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 1));}</td>
 *     <td>{@link org.paramlab.nn.Sequential#Sequential(Module...)}</td></tr>
 * <tr><td>{@code net(X)}</td>
 *     <td>{@code net.forward(X)}; it prints {@code tensor([[...]], grad_fn=<AddmmBackward0>)}</td>
 *     <td>{@link org.paramlab.nn.Module#forward(org.paramlab.tensor.Tensor)},
 *     {@link org.paramlab.tensor.Tensor#addmm(org.paramlab.tensor.Tensor, org.paramlab.tensor.Tensor, org.paramlab.tensor.Tensor)}</td></tr>
 * <tr><td>{@code print(net)}</td>
 *     <td>{@code System.out.println(net);}</td>
 *     <td>{@link org.paramlab.nn.Module#toString()}</td></tr>
 * <tr><td>{@code net[2]}</td>
 *     <td>{@code net.get(Linear.class, 2)} (checked, no cast), or {@code net.get(2)}</td>
 *     <td>{@link org.paramlab.nn.Sequential#get(Class, int...)},
 *     {@link org.paramlab.nn.Sequential#get(int...)}</td></tr>
 * <tr><td>{@code net[2].state_dict()}</td>
 *     <td>{@code net.get(Module.class, 2).stateDict()}; it prints {@code OrderedDict([('weight', tensor([[...]])), ('bias', tensor([...]))])}</td>
 *     <td>{@link org.paramlab.nn.Module#stateDict()}, {@link org.paramlab.tensor.OrderedDict}</td></tr>
 * <tr><td>{@code type(net[2].bias)}</td>
 *     <td>{@code net.get(Linear.class, 2).bias().getClass()}: {@code class org.paramlab.nn.Parameter}</td>
 *     <td>{@link org.paramlab.nn.Parameter}</td></tr>
 * <tr><td>{@code net[2].bias}</td>
 *     <td>{@code net.get(Linear.class, 2).bias()}; it prints {@code Parameter containing:}, then
 *     {@code tensor([-0.3024], requires_grad=True)} on the next line</td>
 *     <td>{@link org.paramlab.nn.Linear#bias()}, {@link org.paramlab.nn.Parameter#toString()}</td></tr>
 * <tr><td>{@code net[2].bias.data}</td>
 *     <td>{@code net.get(Linear.class, 2).bias().data()}</td>
 *     <td>{@link org.paramlab.tensor.Tensor#data()}</td></tr>
 * <tr><td>{@code net[2].weight.grad == None}</td>
 *     <td>{@code net.get(Linear.class, 2).weight().grad() == null}</td>
 *     <td>{@link org.paramlab.tensor.Tensor#grad()}</td></tr>
 * <tr><td>{@code [(name, param.shape) for name, param in net.named_parameters()]}</td>
 *     <td>{@code net.namedParameters().forEach((name, p) -> System.out.println(name + " " + p.shape()));}</td>
 *     <td>{@link org.paramlab.nn.Module#namedParameters()}</td></tr>
 * <tr><td>{@code net.state_dict()['2.bias'].data}</td>
 *     <td>{@code net.stateDict().get("2.bias")} (already the data: it does not require grad)</td>
 *     <td>{@link org.paramlab.nn.Module#stateDict()}</td></tr>
 * <tr><td>{@code t.shape}, {@code torch.Size([8, 4])}</td>
 *     <td>{@code t.shape()}, a {@code Size} that prints {@code torch.Size([8, 4])};
 *     {@code t.shape()[0]} is {@code t.shape().get(0)}</td>
 *     <td>{@link org.paramlab.tensor.Tensor#shape()}, {@link org.paramlab.tensor.Size}</td></tr>
 * <tr><td>{@code net.add_module(f'block{i}', block1())}</td>
 *     <td>{@code net.addModule("block" + i, block1());}</td>
 *     <td>{@link org.paramlab.nn.Module#addModule(String, Module)}</td></tr>
 * <tr><td>{@code rgnet[0][1][0].bias.data}</td>
 *     <td>{@code rgnet.get(Linear.class, 0, 1, 0).bias().data()}, or
 *     {@code rgnet.getParameter("0.block1.0.bias").data()}</td>
 *     <td>{@link org.paramlab.nn.Sequential#get(Class, int...)},
 *     {@link org.paramlab.nn.Module#getParameter(String)}</td></tr>
 * <tr><td>{@code net.apply(init_normal)}</td>
 *     <td>{@code net.apply(Initialization::initNormal);}</td>
 *     <td>{@link org.paramlab.nn.Module#apply(java.util.function.Consumer)}</td></tr>
 * <tr><td>{@code if type(m) == nn.Linear:}</td>
 *     <td>{@code if (m instanceof Linear linear) { ... linear.weight() ... }}</td>
 *     <td>{@link org.paramlab.nn.Initialization}</td></tr>
 * <tr><td>{@code nn.init.normal_(m.weight, mean=0, std=0.01)}</td>
 *     <td>{@code Init.normal_(linear.weight(), 0, 0.01);}</td>
 *     <td>{@link org.paramlab.nn.Init#normal_(org.paramlab.tensor.Tensor, double, double)}</td></tr>
 * <tr><td>{@code nn.init.zeros_(m.bias)}</td>
 *     <td>{@code Init.zeros_(linear.bias());}</td>
 *     <td>{@link org.paramlab.nn.Init#zeros_(org.paramlab.tensor.Tensor)}</td></tr>
 * <tr><td>{@code nn.init.constant_(m.weight, 1)}</td>
 *     <td>{@code Init.constant_(linear.weight(), 1);}</td>
 *     <td>{@link org.paramlab.nn.Init#constant_(org.paramlab.tensor.Tensor, double)}</td></tr>
 * <tr><td>{@code nn.init.xavier_uniform_(m.weight)}</td>
 *     <td>{@code Init.xavierUniform_(linear.weight());}</td>
 *     <td>{@link org.paramlab.nn.Init#xavierUniform_(org.paramlab.tensor.Tensor)}</td></tr>
 * <tr><td>{@code nn.init.uniform_(m.weight, -10, 10)}</td>
 *     <td>{@code Init.uniform_(linear.weight(), -10, 10);}</td>
 *     <td>{@link org.paramlab.nn.Init#uniform_(org.paramlab.tensor.Tensor, double, double)}</td></tr>
 * <tr><td>{@code m.weight.data *= m.weight.data.abs() >= 5}</td>
 *     <td>{@code Tensor w = linear.weight().data(); w.mul_(w.abs().ge(5f));}</td>
 *     <td>{@link org.paramlab.tensor.Tensor#mul_(org.paramlab.tensor.Tensor)},
 *     {@link org.paramlab.tensor.Tensor#ge(float)}</td></tr>
 * <tr><td>{@code net[0].weight.data[:] += 1}</td>
 *     <td>{@code net.get(Linear.class, 0).weight().data().add_(1f);} (a parameter itself refuses
 *     in-place edits: edit its data)</td>
 *     <td>{@link org.paramlab.tensor.Tensor#add_(float)}</td></tr>
 * <tr><td>{@code net[0].weight.data[0, 0] = 42}</td>
 *     <td>{@code net.get(Linear.class, 0).weight().data().set(42f, 0, 0);}</td>
 *     <td>{@link org.paramlab.tensor.Tensor#set(float, int...)}</td></tr>
 * <tr><td>{@code net[0].weight.data[0]} (row 0)</td>
 *     <td>{@code net.get(Linear.class, 0).weight().data().select(0)}: a view, as in PyTorch;
 *     one element is {@code w.get(0, 0)}</td>
 *     <td>{@link org.paramlab.tensor.Tensor#select(int)}, {@link org.paramlab.tensor.Tensor#get(int...)}</td></tr>
 * <tr><td>{@code w[:, 0]} (column 0)</td>
 *     <td>{@code w.select(1, 0)}: a copy, not a view (it refuses in-place edits; edit the original
 *     with {@code w.set(value, i, 0)})</td>
 *     <td>{@link org.paramlab.tensor.Tensor#select(int, int)}</td></tr>
 * <tr><td>{@code X /= 2} on an activation ({@code FixedHiddenMLP})</td>
 *     <td>{@code x = x.div(2f);} (this library's autograd does not record in-place operations)</td>
 *     <td>{@link org.paramlab.tensor.Tensor#div(float)}, {@link org.paramlab.nn.FixedHiddenMLP}</td></tr>
 * <tr><td>{@code shared = nn.Linear(8, 8)}, used twice in one {@code nn.Sequential}</td>
 *     <td>{@code Linear shared = new Linear(8, 8);} then
 *     {@code new Sequential(new Linear(4, 8), new ReLU(), shared, new ReLU(), shared, new ReLU(), new Linear(8, 1))};
 *     tied means the same object: {@code net.get(2) == net.get(4)}</td>
 *     <td>{@link org.paramlab.nn.TiedParameters#net()}</td></tr>
 * <tr><td>{@code nn.LazyLinear(8)}</td>
 *     <td>{@code new LazyLinear(8)}</td>
 *     <td>{@link org.paramlab.nn.LazyLinear#LazyLinear(int)}</td></tr>
 * <tr><td>{@code loss.backward()}</td>
 *     <td>{@code loss.backward();} (on a scalar, e.g. {@code net.forward(X).sum()})</td>
 *     <td>{@link org.paramlab.tensor.Tensor#backward()}</td></tr>
 * </tbody>
 * <tr><td>{@code self.register_buffer('running_mean', torch.zeros(8))} (group 8, beyond the notebook)</td>
 *     <td>{@code registerBuffer("running_mean", Tensor.zeros(8));} in the module's constructor</td>
 *     <td>{@link org.paramlab.nn.Module#registerBuffer(String, org.paramlab.tensor.Tensor)}</td></tr>
 * <tr><td>{@code self.register_buffer('batch_mean', torch.zeros(8), persistent=False)}</td>
 *     <td>{@code registerBuffer("batch_mean", Tensor.zeros(8), false);}</td>
 *     <td>{@link org.paramlab.nn.Module#registerBuffer(String, org.paramlab.tensor.Tensor, boolean)}</td></tr>
 * <tr><td>{@code [name for name, b in net.named_buffers()]}</td>
 *     <td>{@code net.namedBuffers().keySet()}</td>
 *     <td>{@link org.paramlab.nn.Module#namedBuffers()}</td></tr>
 * </table>
 *
 * @see <a href="https://d2l.ai/chapter_builders-guide/parameters.html">D2L: Parameter Management</a>
 */
package org.paramlab.nn;
