package org.paramlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** OrderedDict keeps insertion order and prints as Python 3.11's repr of a collections.OrderedDict. */
class OrderedDictTest {

    @Test
    void emptyPrintsAsPython() {
        assertThat(new OrderedDict<String, Tensor>()).hasToString("OrderedDict()");
    }

    @Test
    void keepsInsertionOrderAndIsAMap() {
        OrderedDict<String, Integer> d = new OrderedDict<>();
        d.put("b", 1);
        d.put("a", 2);
        d.put("b", 3);
        assertThat(d.keySet()).containsExactly("b", "a");
        Map<String, Integer> same = new LinkedHashMap<>(d);
        assertThat(d).isEqualTo(same);
        assertThat(d.hashCode()).isEqualTo(same.hashCode());
        assertThat(new OrderedDict<>(same).keySet()).containsExactly("b", "a");
    }

    @Test
    void printsAStateDictAsPyTorch() {
        // Python 3.11: OrderedDict([('weight', tensor([[ 0.1524, -0.2269]])), ('bias', tensor([0.0321]))])
        OrderedDict<String, Tensor> d = new OrderedDict<>();
        d.put("weight", Tensor.of(new float[] {0.1524f, -0.2269f}, 1, 2));
        d.put("bias", Tensor.of(new float[] {0.0321f}, 1));
        assertThat(d).hasToString("OrderedDict([('weight', tensor([[ 0.1524, -0.2269]])), ('bias', tensor([0.0321]))])");
    }

    @Test
    void multiLineValuesKeepTheirOwnIndentation() {
        // Python: the repr of each value is inserted as it is, without re-indentation
        OrderedDict<String, Tensor> d = new OrderedDict<>();
        d.put("0.weight", Tensor.of(new float[] {0.1524f, -0.2269f, 0.5f, 1f}, 2, 2));
        assertThat(d).hasToString("OrderedDict([('0.weight', tensor([[ 0.1524, -0.2269],\n        [ 0.5000,  1.0000]]))])");
    }

    @Test
    void stringKeysAreEscapedAsPythonsRepr() {
        assertThat(OrderedDict.pythonString("0.weight")).isEqualTo("'0.weight'");
        assertThat(OrderedDict.pythonString("it's")).isEqualTo("\"it's\"");
        assertThat(OrderedDict.pythonString("it's \"x\"")).isEqualTo("'it\\'s \"x\"'");
        assertThat(OrderedDict.pythonString("a\\b")).isEqualTo("'a\\\\b'");
        assertThat(OrderedDict.pythonString("a\nb\tc\u0001")).isEqualTo("'a\\nb\\tc\\x01'");
        OrderedDict<Object, Object> d = new OrderedDict<>();
        d.put(1, "x");
        d.put("k", null);
        assertThat(d).hasToString("OrderedDict([(1, 'x'), ('k', None)])");
    }
}
