package vote

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/tavoli/tavoli/data"
)

// ParseFile reads a ballot file: strict JSON, keys matched exactly, and an unknown key anywhere refused
// by name, since a misspelt rule ("treshold") would otherwise be a rule silently not applied. It returns
// the count with its defaults filled in. A malformed file (not JSON, an unknown method or rule value,
// options or criteria missing or repeating an id, a lot without its seed, a section of the wrong
// shape) gives an EInvalid error whose key names the cause. A ballot that cannot be read as its method
// asks, or holds a fractional amount, is kept with its Void reason: it is a scheda nulla, not a broken
// file, and the result lists it at its place.
func ParseFile(b []byte) (Count, error) {
	// Windows editors start UTF-8 files with a byte-order mark, which RFC 8259 lets a reader ignore.
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	// encoding/json turns invalid bytes into U+FFFD, which can make two distinct labels one.
	if !utf8.Valid(b) {
		return Count{}, data.Errorf(data.EInvalid, "err.tally.utf8")
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return Count{}, data.Errorf(data.EInvalid, "err.tally.empty")
	}
	var top object
	if err := json.Unmarshal(b, &top); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			line := 1 + bytes.Count(b[:min(int(syntax.Offset), len(b))], []byte("\n"))
			return Count{}, data.Errorf(data.EInvalid, "err.tally.json", "line", line).Wrap(err)
		}
		return Count{}, data.Errorf(data.EInvalid, "err.tally.not_object")
	}
	if top == nil {
		return Count{}, data.Errorf(data.EInvalid, "err.tally.not_object")
	}

	if err := top.only("", "method", "options", "criteria", "voters", "rules", "ballots"); err != nil {
		return Count{}, err
	}
	var c Count
	var method string
	if given, ok := top.get("method", &method); !given {
		return c, data.Errorf(data.EInvalid, "err.tally.method_missing")
	} else if !ok {
		return c, data.Errorf(data.EInvalid, "err.tally.method", "value", shorten(top["method"]))
	}
	c.Method = data.VoteMethod(method)
	var err error
	if c.Method != data.MethodMotion {
		if c.Options, err = parseOptions(top); err != nil {
			return c, err
		}
	}
	if c.Method == data.MethodScore {
		if c.Criteria, err = parseCriteria(top); err != nil {
			return c, err
		}
	}
	if c.Voters, err = parseVoters(top); err != nil {
		return c, err
	}
	if c.Rules, err = parseRules(top); err != nil {
		return c, err
	}
	var ballots []json.RawMessage
	if given, ok := top.get("ballots", &ballots); !given {
		return c, data.Errorf(data.EInvalid, "err.tally.ballots_missing")
	} else if !ok {
		return c, data.Errorf(data.EInvalid, "err.tally.ballots")
	}
	// An empty list stays one, so that the count written back says "ballots": [] and reads back.
	c.Ballots = make([]Ballot, 0, len(ballots))
	for i, raw := range ballots {
		b, err := parseBallot(c.Method, i, raw)
		if err != nil {
			return c, err
		}
		c.Ballots = append(c.Ballots, b)
	}
	if c, err = c.withDefaults(); err != nil {
		return c, err
	}
	// An anonymous ballot says no seat, so it cannot be weighed by population: counting it by heads
	// would fake the weighted figures and quorum. The window refuses the same, with the same sentence.
	if c.Rules.Weighting != data.WeightHead {
		for _, b := range c.Ballots {
			if b.Voter == "" {
				return c, data.Errorf(data.EInvalid, "err.vote.weighted_anonymous")
			}
		}
	}
	return c, nil
}

// only refuses the first key of o, in sorted order, that is not one of keys; where says which part of
// the file o is ("" for the file itself).
func (o object) only(where string, keys ...string) error {
	for _, k := range sortedKeys(o) {
		if !slices.Contains(keys, k) {
			if where == "" {
				return data.Errorf(data.EInvalid, "err.tally.unknown_key_top", "key", shortText(k))
			}
			return data.Errorf(data.EInvalid, "err.tally.unknown_key", "key", shortText(k), "where", where)
		}
	}
	return nil
}

// place names the n-th element (from 1) of the list under key, for an error message.
func place(key string, n int) string { return key + " n. " + strconv.Itoa(n) }

// object is a JSON object with its values still raw, so that keys match exactly (encoding/json
// matches struct fields ignoring case) and each value's error can name what is wrong.
type object map[string]json.RawMessage

// asObject reads raw as an object; null and anything else are not one.
func asObject(raw json.RawMessage) (object, bool) {
	var o object
	if json.Unmarshal(raw, &o) != nil || o == nil {
		return nil, false
	}
	return o, true
}

// get decodes the value of key into v. given is false when the key is absent or null, which leaves v
// as it is; ok is false when the value does not fit v.
func (o object) get(key string, v any) (given, ok bool) {
	raw, found := o[key]
	if !found || string(raw) == "null" {
		return false, true
	}
	return true, json.Unmarshal(raw, v) == nil
}

// list reads the value of key as a JSON array; absent or null is an empty one.
func (o object) list(key string) ([]json.RawMessage, bool) {
	var items []json.RawMessage
	_, ok := o.get(key, &items)
	return items, ok
}

// parseList reads the array under key, each element an object that read fills; a missing key is
// listErr, an element read cannot fill is itemErr with the element's number from 1.
func parseList[T any](top object, key, listErr, itemErr string, allowed []string, read func(o object, x *T) (bool, error)) ([]T, error) {
	items, ok := top.list(key)
	if !ok {
		return nil, data.Errorf(data.EInvalid, listErr)
	}
	var out []T
	for i, raw := range items {
		var x T
		o, ok := asObject(raw)
		if ok {
			if err := o.only(place(key, i+1), allowed...); err != nil {
				return nil, err
			}
			var err error
			if ok, err = read(o, &x); err != nil {
				return nil, err
			}
		}
		if !ok {
			return nil, data.Errorf(data.EInvalid, itemErr, "n", i+1)
		}
		out = append(out, x)
	}
	return out, nil
}

func parseOptions(top object) ([]Option, error) {
	return parseList(top, "options", "err.tally.options", "err.tally.option", []string{"id", "label"}, func(o object, opt *Option) (bool, error) {
		_, idOK := o.get("id", &opt.ID)
		_, labelOK := o.get("label", &opt.Label)
		return idOK && labelOK, nil
	})
}

func parseCriteria(top object) ([]Criterion, error) {
	return parseList(top, "criteria", "err.tally.criteria", "err.tally.criterion", []string{"id", "weight"}, func(o object, cr *Criterion) (bool, error) {
		_, idOK := o.get("id", &cr.ID)
		// json.Number would also take a number written as a string: only a JSON number is a weight.
		var weight json.Number
		weightGiven, weightOK := o.get("weight", &weight)
		weightOK = weightOK && !bytes.HasPrefix(bytes.TrimSpace(o["weight"]), []byte(`"`))
		if !(idOK && weightOK) {
			return false, nil
		}
		if weightGiven {
			w, ok := exactWeight(string(weight))
			if !ok {
				return true, data.Errorf(data.EInvalid, "err.tally.criterion_weight", "id", cr.ID, "value", shorten(o["weight"]))
			}
			cr.Weight = w
		}
		return true, nil
	})
}

// parseVoters reads the seats. Present is true and the weight 1 when not given.
func parseVoters(top object) ([]Voter, error) {
	return parseList(top, "voters", "err.tally.voters", "err.tally.voter", []string{"id", "weight", "present"}, func(o object, v *Voter) (bool, error) {
		v.Weight, v.Present = 1, true
		var weight float64
		_, idOK := o.get("id", &v.ID)
		_, presentOK := o.get("present", &v.Present)
		weightGiven, weightOK := o.get("weight", &weight)
		if !(idOK && presentOK && weightOK) {
			return false, nil
		}
		if weightGiven {
			if weight != math.Trunc(weight) || weight < 1 || weight > maxWeight {
				return true, data.Errorf(data.EInvalid, "err.tally.voter_weight", "id", v.ID, "value", shorten(o["weight"]))
			}
			v.Weight = int64(weight)
		}
		return true, nil
	})
}

// parseRules reads the rules. An empty string or a 0 is a rule not given, as in Rules itself, so that a
// count written out with json.Marshal reads back the same. Values are checked by withDefaults, except
// the ones that do not even have the right type.
func parseRules(top object) (Rules, error) {
	var r Rules
	raw, found := top["rules"]
	if !found || string(raw) == "null" {
		return r, nil
	}
	o, ok := asObject(raw)
	if !ok {
		return r, data.Errorf(data.EInvalid, "err.tally.rules")
	}
	bad := func(rule string) error {
		return data.Errorf(data.EInvalid, "err.tally.rule", "rule", rule, "value", shorten(o[rule]))
	}
	if err := o.only("rules", "members", "quorum", "majority_base", "threshold", "weighting", "dots_per_voter",
		"max_per_option", "points_per_voter", "scale_min", "scale_max", "tie_break", "chair", "seed", "present", "blank_votanti"); err != nil {
		return r, err
	}
	if given, ok := o.get("quorum", &r.Quorum); given && !ok && string(o["quorum"]) != `""` {
		return r, bad("quorum")
	}
	for _, s := range []struct {
		rule  string
		value any
	}{
		{"majority_base", &r.MajorityBase}, {"threshold", &r.Threshold}, {"weighting", &r.Weighting},
		{"tie_break", &r.TieBreak}, {"chair", &r.Chair}, {"seed", &r.Seed}, {"blank_votanti", &r.BlankVotanti},
	} {
		if _, ok := o.get(s.rule, s.value); !ok {
			return r, bad(s.rule)
		}
	}
	var scaleMinGiven, scaleMaxGiven bool
	for _, n := range []struct {
		rule  string
		value *int
		given *bool
	}{
		{"members", &r.Members, nil}, {"present", &r.Present, nil}, {"dots_per_voter", &r.DotsPerVoter, nil},
		{"max_per_option", &r.MaxPerOption, nil}, {"points_per_voter", &r.PointsPerVoter, nil},
		{"scale_min", &r.ScaleMin, &scaleMinGiven}, {"scale_max", &r.ScaleMax, &scaleMaxGiven},
	} {
		var v float64
		given, ok := o.get(n.rule, &v)
		if !ok || v != math.Trunc(v) || math.Abs(v) > maxWeight {
			return r, bad(n.rule)
		}
		*n.value = int(v)
		if n.given != nil {
			*n.given = given
		}
	}
	// One end of the scale given: the other keeps its default.
	switch {
	case scaleMinGiven && !scaleMaxGiven:
		r.ScaleMax = defaultScaleMax
	case scaleMaxGiven && !scaleMinGiven:
		r.ScaleMin = defaultScaleMin
	}
	return r, nil
}

// parseBallot reads the ballot at index i: its voter, its count and the field of its method, ignoring
// the others. A count that is not a whole number from 1 up breaks the file, since it says how many
// ballots there are; anything else wrong in a ballot only voids that ballot.
func parseBallot(method data.VoteMethod, i int, raw json.RawMessage) (Ballot, error) {
	var b Ballot
	o, ok := asObject(raw)
	if !ok {
		b.Void = reasonUnreadable("")
		return b, nil
	}
	if err := o.only(place("ballots", i+1), "voter", "count", "choice", "allocation", "ranking", "scores", "approve"); err != nil {
		return b, err
	}
	var count float64
	if given, ok := o.get("count", &count); given && (!ok || count != math.Trunc(count) || count < 1 || count > maxNumber) {
		return b, data.Errorf(data.EInvalid, "err.tally.count", "n", i+1, "value", shorten(o["count"]))
	}
	b.Count = int(count)
	if _, ok := o.get("voter", &b.Voter); !ok {
		b.Void = reasonUnreadable("voter")
		return b, nil
	}
	field, value := "", any(nil)
	var allocation map[string]float64
	var scores map[string]map[string]float64
	switch method {
	case data.MethodMotion:
		field, value = "choice", &b.Choice
	case data.MethodDots, data.MethodPoints:
		field, value = "allocation", &allocation
	case data.MethodBorda, data.MethodSchulze:
		field, value = "ranking", &b.Ranking
	case data.MethodScore:
		field, value = "scores", &scores
	case data.MethodApproval:
		field, value = "approve", &b.Approve
	default:
		return b, nil // an unknown method: withDefaults refuses the file
	}
	if _, ok := o.get(field, value); !ok {
		b.Void = reasonUnreadable(field)
		return b, nil
	}
	b.Allocation, b.Void = wholeAllocation(method, allocation)
	if b.Void == "" {
		b.Scores, b.Void = wholeScores(scores)
	}
	return b, nil
}

// wholeAllocation turns the amounts read into whole numbers, or gives the reason the ballot is void
// when one is fractional (the first of them in the order of the option ids).
func wholeAllocation(method data.VoteMethod, amounts map[string]float64) (map[string]int, string) {
	if amounts == nil {
		return nil, ""
	}
	u := points
	if method == data.MethodDots {
		u = dots
	}
	out := make(map[string]int, len(amounts))
	for _, id := range sortedKeys(amounts) {
		v := amounts[id]
		if v != math.Trunc(v) {
			return nil, reasonFractional(u, id)
		}
		out[id] = clamp(v)
	}
	return out, ""
}

// wholeScores is wholeAllocation for the scores of a criteria-scoring ballot.
func wholeScores(scores map[string]map[string]float64) (map[string]map[string]int, string) {
	if scores == nil {
		return nil, ""
	}
	out := make(map[string]map[string]int, len(scores))
	for _, option := range sortedKeys(scores) {
		var m map[string]int
		if scores[option] != nil {
			m = make(map[string]int, len(scores[option]))
		}
		for _, criterion := range sortedKeys(scores[option]) {
			v := scores[option][criterion]
			if v != math.Trunc(v) {
				return nil, reasonFractionalScore(option, criterion)
			}
			m[criterion] = clamp(v)
		}
		out[option] = m
	}
	return out, ""
}

// clamp turns a whole number into an int. Anything beyond the largest allowance or scale the rules
// accept is clamped just past it: the ballot is void either way, and the conversion stays defined.
func clamp(v float64) int {
	return int(max(-maxNumber-1, min(v, maxNumber+1)))
}

// shorten gives a raw JSON value as a short text for an error message: a string without its quotes,
// as withDefaults names a value it refuses.
func shorten(raw json.RawMessage) string {
	s := string(raw)
	var text string
	if json.Unmarshal(raw, &text) == nil {
		s = text
	}
	return shortText(s)
}

// shortText cuts s to a length an error message can show.
func shortText(s string) string {
	const most = 40
	if utf8.RuneCountInString(s) <= most {
		return s
	}
	return string([]rune(s)[:most]) + "…"
}

// exactWeight reads a criterion's weight from its JSON text. It must be more than zero and at most
// maxNumber, and exactly the decimal its float64 stands for (see exactDecimal), so that the weight the
// count keeps is the one written: 0.1 is one tenth.
func exactWeight(text string) (float64, bool) {
	// The float first: big.Rat would work out 10^999999999 for a weight of 1e999999999.
	if f, err := strconv.ParseFloat(text, 64); err != nil || !(f > 0 && f <= maxNumber) {
		return 0, false
	}
	written, ok := new(big.Rat).SetString(text)
	if !ok || written.Sign() <= 0 || written.Cmp(big.NewRat(maxNumber, 1)) > 0 {
		return 0, false
	}
	w, _ := written.Float64()
	return w, exactDecimal(w).Cmp(written) == 0
}

// exactDecimal is the decimal a float64 weight stands for: the shortest one that reads back as it,
// so 0.1 is one tenth rather than the binary fraction nearest to it, and 0.1 + 0.2 is 0.3.
func exactDecimal(w float64) *big.Rat {
	r, ok := new(big.Rat).SetString(strconv.FormatFloat(w, 'g', -1, 64))
	if !ok { // NaN or an infinity, which withDefaults refuses before any count
		return new(big.Rat)
	}
	return r
}
