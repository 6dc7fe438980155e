package data_test

import (
	"encoding/json"
	"testing"

	"github.com/tavoli/tavoli/data"
)

var (
	qNone  = data.Quorum{Kind: data.QuorumNone}
	qHalf  = data.Quorum{Kind: data.QuorumHalfPlusOne}
	qThird = data.Quorum{Kind: data.QuorumOneThird}
)

func qNum(n int) data.Quorum { return data.Quorum{Kind: data.QuorumNumber, N: n} }

func TestQuorumRequired(t *testing.T) {
	tests := []struct {
		q     data.Quorum
		total int64
		want  int64
	}{
		// none: any number present
		{qNone, 0, 0}, {qNone, 1, 0}, {qNone, 8, 0}, {qNone, 56900, 0},
		// half_plus_one = floor(n/2)+1
		{qHalf, 0, 1}, {qHalf, 1, 1}, {qHalf, 2, 2}, {qHalf, 3, 2}, {qHalf, 7, 4}, {qHalf, 8, 5},
		{qHalf, 9, 5}, {qHalf, 22, 12}, {qHalf, 56900, 28451}, {qHalf, 56901, 28451},
		// one_third = ceil(n/3)
		{qThird, 0, 0}, {qThird, 1, 1}, {qThird, 2, 1}, {qThird, 3, 1}, {qThird, 7, 3}, {qThird, 8, 3},
		{qThird, 9, 3}, {qThird, 22, 8}, {qThird, 56900, 18967}, {qThird, 56901, 18967}, {qThird, 56902, 18968},
		// a fixed number, whatever the total
		{qNum(5), 0, 5}, {qNum(5), 1, 5}, {qNum(5), 9, 5}, {qNum(5), 22, 5}, {qNum(0), 8, 0},
		{qNum(12000), 56900, 12000},
		// an unknown kind asks for nothing (Validate refuses it before it is used)
		{data.Quorum{Kind: "most"}, 9, 0},
	}
	for _, tt := range tests {
		if got := tt.q.Required(tt.total); got != tt.want {
			t.Errorf("Quorum{%v}.Required(%d) = %d, want %d", tt.q, tt.total, got, tt.want)
		}
	}
}

func TestParseQuorum(t *testing.T) {
	tests := []struct {
		in     string
		want   data.Quorum
		wantOK bool
		str    string // String() of the result
	}{
		{"none", qNone, true, "none"},
		{"half_plus_one", qHalf, true, "half_plus_one"},
		{"one_third", qThird, true, "one_third"},
		{"0", qNum(0), true, "0"},
		{"7", qNum(7), true, "7"},
		{"+7", qNum(7), true, "7"},
		{"007", qNum(7), true, "7"},
		{"-1", data.Quorum{}, false, ""},
		{"-0", qNum(0), true, "0"},
		{"", data.Quorum{}, false, ""},
		{"number", data.Quorum{}, false, ""},
		{"Half_Plus_One", data.Quorum{}, false, ""},
		{" none", data.Quorum{}, false, ""},
		{"7 ", data.Quorum{}, false, ""},
		{"2.5", data.Quorum{}, false, ""},
		{"1e3", data.Quorum{}, false, ""},
		{"99999999999999999999999", data.Quorum{}, false, ""},
		{"metà", data.Quorum{}, false, ""},
	}
	for _, tt := range tests {
		got, err := data.ParseQuorum(tt.in)
		if !tt.wantOK {
			checkKey(t, "ParseQuorum("+tt.in+")", err, "err.rules.quorum")
			if got != (data.Quorum{}) {
				t.Errorf("ParseQuorum(%q) = %#v with error, want the zero Quorum", tt.in, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseQuorum(%q) = %#v, %v, want %#v, nil", tt.in, got, err, tt.want)
			continue
		}
		if s := got.String(); s != tt.str {
			t.Errorf("ParseQuorum(%q).String() = %q, want %q", tt.in, s, tt.str)
		}
	}
}

func TestQuorumJSON(t *testing.T) {
	tests := []struct {
		q    data.Quorum
		json string
	}{
		{qNone, `"none"`},
		{qHalf, `"half_plus_one"`},
		{qThird, `"one_third"`},
		{qNum(0), `0`},
		{qNum(12), `12`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.q)
		if err != nil || string(b) != tt.json {
			t.Errorf("json.Marshal(%#v) = %s, %v, want %s", tt.q, b, err, tt.json)
		}
		var back data.Quorum
		if err := json.Unmarshal(b, &back); err != nil || back != tt.q {
			t.Errorf("json.Unmarshal(%s) = %#v, %v, want %#v", b, back, err, tt.q)
		}
	}

	// What other files may hold: a number written as a string is read too.
	accepted := []struct {
		json string
		want data.Quorum
	}{
		{`"12"`, qNum(12)},
		{` 3 `, qNum(3)},
		{`"none"`, qNone},
	}
	for _, tt := range accepted {
		var q data.Quorum
		if err := json.Unmarshal([]byte(tt.json), &q); err != nil || q != tt.want {
			t.Errorf("json.Unmarshal(%s) = %#v, %v, want %#v", tt.json, q, err, tt.want)
		}
	}

}

// TestQuorumJSONRefused: whatever is not a quorum is an input error the user can fix (a hand-edited or
// foreign file), never an internal one.
func TestQuorumJSONRefused(t *testing.T) {
	for _, in := range []string{`-1`, `"-1"`, `"most"`, `""`, `"number"`, `2.5`, `1e30`, `true`, `[]`, `{}`} {
		t.Run(in, func(t *testing.T) {
			q := qThird
			err := json.Unmarshal([]byte(in), &q)
			checkKey(t, "json.Unmarshal("+in+")", err, "err.rules.quorum")
			if q != qThird {
				t.Errorf("json.Unmarshal(%s) changed the quorum to %#v, want it left %#v", in, q, qThird)
			}
		})
	}
}

// TestQuorumJSONNull: null is "no value"; by the json.Unmarshaler convention it leaves the quorum as it
// was, and must not become a fixed quorum of 0 (a meeting valid with nobody present).
func TestQuorumJSONNull(t *testing.T) {
	q := qThird
	if err := json.Unmarshal([]byte(`null`), &q); err != nil || q != qThird {
		t.Errorf("json.Unmarshal(null) = %#v, %v, want %#v, nil", q, err, qThird)
	}
	r := data.DefaultRules(data.BodySindaci)
	if err := json.Unmarshal([]byte(`{"quorum_prima": null}`), &r); err != nil || r.QuorumPrima != qHalf {
		t.Errorf(`json.Unmarshal({"quorum_prima": null}).QuorumPrima = %#v, %v, want %#v, nil`, r.QuorumPrima, err, qHalf)
	}
}

func TestRulesJSON(t *testing.T) {
	r := data.DefaultRules(data.BodySindaci)
	r.QuorumSeconda = qNum(4)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"quorum_prima":"half_plus_one","quorum_seconda":4,"weighting":"double","majority_base":"votanti",` +
		`"threshold":"absolute","tie_break":"none","proxies":2,"second_call_minutes":30}`
	if string(b) != want {
		t.Errorf("json.Marshal(%+v) = %s, want %s", r, b, want)
	}
	var back data.Rules
	if err := json.Unmarshal(b, &back); err != nil || back != r {
		t.Errorf("json.Unmarshal(%s) = %+v, %v, want %+v", b, back, err, r)
	}
}

func validRules() data.Rules {
	return data.Rules{
		QuorumPrima: qHalf, QuorumSeconda: qThird, Weighting: data.WeightHead,
		MajorityBase: data.BaseVotanti, Threshold: data.ThresholdSimple, TieBreak: data.TieNone, Proxies: 1,
	}
}

func TestRulesValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*data.Rules)
		key    string
	}{
		{"valid", func(*data.Rules) {}, ""},
		{"prima none", func(r *data.Rules) { r.QuorumPrima = qNone }, ""},
		{"fixed zero", func(r *data.Rules) { r.QuorumSeconda = qNum(0) }, ""},
		{"fixed", func(r *data.Rules) { r.QuorumPrima = qNum(9) }, ""},
		{"population", func(r *data.Rules) { r.Weighting = data.WeightPopulation }, ""},
		{"double", func(r *data.Rules) { r.Weighting = data.WeightDouble }, ""},
		{"presenti", func(r *data.Rules) { r.MajorityBase = data.BasePresenti }, ""},
		{"componenti", func(r *data.Rules) { r.MajorityBase = data.BaseComponenti }, ""},
		{"absolute", func(r *data.Rules) { r.Threshold = data.ThresholdAbsolute }, ""},
		{"two thirds", func(r *data.Rules) { r.Threshold = data.ThresholdTwoThirds }, ""},
		{"chair", func(r *data.Rules) { r.TieBreak = data.TieChair }, ""},
		{"lot", func(r *data.Rules) { r.TieBreak = data.TieLot }, ""},
		{"many proxies", func(r *data.Rules) { r.Proxies = 5 }, ""},

		{"prima empty", func(r *data.Rules) { r.QuorumPrima = data.Quorum{} }, "err.rules.quorum"},
		{"prima unknown", func(r *data.Rules) { r.QuorumPrima = data.Quorum{Kind: "two_thirds"} }, "err.rules.quorum"},
		{"prima negative", func(r *data.Rules) { r.QuorumPrima = qNum(-1) }, "err.rules.quorum"},
		{"seconda unknown", func(r *data.Rules) { r.QuorumSeconda = data.Quorum{Kind: "x"} }, "err.rules.quorum"},
		{"seconda negative", func(r *data.Rules) { r.QuorumSeconda = qNum(-3) }, "err.rules.quorum"},
		{"weighting empty", func(r *data.Rules) { r.Weighting = "" }, "err.rules.weighting"},
		{"weighting unknown", func(r *data.Rules) { r.Weighting = "heads" }, "err.rules.weighting"},
		{"base empty", func(r *data.Rules) { r.MajorityBase = "" }, "err.rules.majority_base"},
		{"base unknown", func(r *data.Rules) { r.MajorityBase = "votes" }, "err.rules.majority_base"},
		{"threshold empty", func(r *data.Rules) { r.Threshold = "" }, "err.rules.threshold"},
		{"threshold unknown", func(r *data.Rules) { r.Threshold = "qualified" }, "err.rules.threshold"},
		{"tie break empty", func(r *data.Rules) { r.TieBreak = "" }, "err.rules.tie_break"},
		{"tie break unknown", func(r *data.Rules) { r.TieBreak = "coin" }, "err.rules.tie_break"},
		{"no proxies", func(r *data.Rules) { r.Proxies = 0 }, "err.rules.proxies"},
		{"negative proxies", func(r *data.Rules) { r.Proxies = -1 }, "err.rules.proxies"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validRules()
			tt.change(&r)
			checkKey(t, "Rules.Validate()", r.Validate(), tt.key)
		})
	}
}

func TestRulesQuorumFor(t *testing.T) {
	r := validRules()
	r.QuorumPrima, r.QuorumSeconda = qNum(6), qThird
	tests := []struct {
		call data.Call
		want data.Quorum
	}{
		{data.CallPrima, qNum(6)},
		{data.CallSeconda, qThird},
		{"", qNum(6)}, // an unset call is held to the stricter, first call
	}
	for _, tt := range tests {
		if got := r.QuorumFor(tt.call); got != tt.want {
			t.Errorf("Rules.QuorumFor(%q) = %v, want %v", tt.call, got, tt.want)
		}
	}
}

func TestCallValid(t *testing.T) {
	for _, tt := range []struct {
		c    data.Call
		want bool
	}{{data.CallPrima, true}, {data.CallSeconda, true}, {"", false}, {"terza", false}, {"Prima", false}} {
		if got := tt.c.Valid(); got != tt.want {
			t.Errorf("Call(%q).Valid() = %v, want %v", tt.c, got, tt.want)
		}
	}
}

func TestDefaultRules(t *testing.T) {
	for _, k := range append(append([]data.BodyKind{}, data.BodyKinds...), "unknown") {
		t.Run(string(k), func(t *testing.T) {
			r := data.DefaultRules(k)
			if err := r.Validate(); err != nil {
				t.Errorf("DefaultRules(%q).Validate() = %v, want nil", k, err)
			}
			if r.QuorumPrima != qHalf {
				t.Errorf("DefaultRules(%q).QuorumPrima = %v, want %v", k, r.QuorumPrima, qHalf)
			}
		})
	}
	s := data.DefaultRules(data.BodySindaci)
	if s.Weighting != data.WeightDouble {
		t.Errorf("DefaultRules(sindaci).Weighting = %q, want %q", s.Weighting, data.WeightDouble)
	}
	for _, k := range data.BodyKinds {
		if k == data.BodySindaci {
			continue
		}
		if w := data.DefaultRules(k).Weighting; w != data.WeightHead {
			t.Errorf("DefaultRules(%q).Weighting = %q, want %q", k, w, data.WeightHead)
		}
	}
	// Rules are values: changing one body's copy must not change the next default.
	s.Proxies = 9
	if p := data.DefaultRules(data.BodySindaci).Proxies; p == 9 {
		t.Errorf("DefaultRules(sindaci).Proxies = %d after changing a copy, want the default", p)
	}
}

func FuzzParseQuorum(f *testing.F) {
	for _, s := range []string{"none", "half_plus_one", "one_third", "number", "0", "7", "+7", "-1", "-0",
		"", "2.5", "1e3", "9223372036854775807", "9223372036854775808", " 1", "0x10"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := data.ParseQuorum(s)
		if err != nil {
			if c := data.ErrorCode(err); c != data.EInvalid {
				t.Fatalf("ParseQuorum(%q) error code = %q, want %q", s, c, data.EInvalid)
			}
			return
		}
		if q.Kind == data.QuorumNumber && q.N < 0 {
			t.Fatalf("ParseQuorum(%q) = %#v, a negative number accepted", s, q)
		}
		back, err := data.ParseQuorum(q.String())
		if err != nil || back != q {
			t.Fatalf("ParseQuorum(%q) = %#v; ParseQuorum(%q) = %#v, %v, want the same", s, q, q.String(), back, err)
		}
		b, err := json.Marshal(q)
		if err != nil {
			t.Fatalf("json.Marshal(%#v) = %v", q, err)
		}
		var j data.Quorum
		if err := json.Unmarshal(b, &j); err != nil || j != q {
			t.Fatalf("json.Unmarshal(%s) = %#v, %v, want %#v", b, j, err, q)
		}
		r := validRules()
		r.QuorumPrima = q
		if err := r.Validate(); err != nil {
			t.Fatalf("Rules{QuorumPrima: ParseQuorum(%q)}.Validate() = %v, want nil", s, err)
		}
	})
}
