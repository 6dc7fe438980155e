// A body's rules: quorum per call, weighting, majority and counting choices.

package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// The rule choices in the order the selects offer them.
var (
	quorumKinds = []data.QuorumKind{data.QuorumNone, data.QuorumHalfPlusOne, data.QuorumOneThird, data.QuorumNumber}
	weightings  = []data.Weighting{data.WeightHead, data.WeightPopulation, data.WeightDouble}
	bases       = []data.MajorityBase{data.BaseVotanti, data.BasePresenti, data.BaseComponenti}
	thresholds  = []data.Threshold{data.ThresholdSimple, data.ThresholdAbsolute, data.ThresholdTwoThirds}
	tieBreaks   = []data.TieBreak{data.TieNone, data.TieChair, data.TieLot}
)

// labels translates the codes of a rule, under prefix.
func labels[T ~string](prefix string, codes []T) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = lang.L(prefix + string(c))
	}
	return out
}

// rulesForm edits a body's rules: the quorum of each call, weighting, majority (and whether the schede
// bianche e nulle count among the votanti), tie-break, proxies. A sentence under it says what the
// rules mean for this body's seats.
type rulesForm struct {
	form             *widget.Form
	prima, seconda   *widget.Select
	primaN, secondaN *widget.Entry
	weighting, base  *widget.Select
	threshold, tie   *widget.Select
	blank            *widget.Check // schede bianche e nulle among the votanti
	proxies          *widget.Entry
	secondCall       *widget.Entry // minutes from the prima to the seconda convocazione; empty or 0: none
	speechLimit      *widget.Entry // the longest intervention, in minutes; empty or 0: no limit
	why              *widget.Label
	content          fyne.CanvasObject
	quiet            bool
}

func newRulesForm(changed func()) *rulesForm {
	f := &rulesForm{}
	on := func(string) {
		if !f.quiet {
			f.showNumbers()
			changed()
		}
	}
	f.prima = newSelect(labels("rules.quorum.", quorumKinds), on)
	f.seconda = newSelect(labels("rules.quorum.", quorumKinds), on)
	f.primaN, f.secondaN, f.proxies, f.secondCall = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	f.secondCall.SetPlaceHolder(lang.L("rules.second_call_placeholder"))
	f.speechLimit = widget.NewEntry()
	f.speechLimit.SetPlaceHolder(lang.L("rules.speech_limit_placeholder"))
	for _, e := range []*widget.Entry{f.primaN, f.secondaN, f.proxies, f.secondCall, f.speechLimit} {
		e.OnChanged = on
	}
	f.primaN.SetPlaceHolder(lang.L("rules.how_many"))
	f.secondaN.SetPlaceHolder(lang.L("rules.how_many"))
	f.weighting = newSelect(labels("rules.weighting.", weightings), on)
	f.base = newSelect(labels("rules.base.", bases), on)
	f.threshold = newSelect(labels("rules.threshold.", thresholds), on)
	f.tie = newSelect(labels("rules.tie.", tieBreaks), on)
	f.blank = widget.NewCheck(lang.L("rules.blank_votanti"), func(bool) { on("") })
	f.why = widget.NewLabel("")
	f.why.Wrapping = fyne.TextWrapWord
	f.why.Importance = widget.MediumImportance
	f.form = widget.NewForm(
		widget.NewFormItem(lang.L("rules.prima"), container.NewBorder(nil, nil, nil, f.primaN, f.prima)),
		widget.NewFormItem(lang.L("rules.seconda"), container.NewBorder(nil, nil, nil, f.secondaN, f.seconda)),
		widget.NewFormItem(lang.L("rules.weighting"), f.weighting),
		widget.NewFormItem(lang.L("rules.base"), f.base),
		widget.NewFormItem(lang.L("rules.threshold"), f.threshold),
		widget.NewFormItem("", f.blank),
		widget.NewFormItem(lang.L("rules.tie"), f.tie),
		widget.NewFormItem(lang.L("rules.proxies"), f.proxies),
		widget.NewFormItem(lang.L("rules.second_call"), f.secondCall),
		widget.NewFormItem(lang.L("rules.speech_limit"), f.speechLimit))
	f.content = container.NewVBox(f.form, f.why)
	return f
}

// set shows rules without reporting a change.
func (f *rulesForm) set(r data.Rules) {
	f.quiet = true
	defer func() { f.quiet = false }()
	setQuorum := func(s *widget.Select, e *widget.Entry, q data.Quorum) {
		s.ClearSelected()
		for i, k := range quorumKinds {
			if k == q.Kind {
				s.SetSelectedIndex(i)
			}
		}
		e.SetText("")
		if q.Kind == data.QuorumNumber {
			e.SetText(strconv.Itoa(q.N))
		}
	}
	setQuorum(f.prima, f.primaN, r.QuorumPrima)
	setQuorum(f.seconda, f.secondaN, r.QuorumSeconda)
	pick(f.weighting, weightings, r.Weighting)
	pick(f.base, bases, r.MajorityBase)
	pick(f.threshold, thresholds, r.Threshold)
	pick(f.tie, tieBreaks, r.TieBreak)
	f.blank.SetChecked(r.BlankVotanti)
	f.proxies.SetText(strconv.Itoa(r.Proxies))
	f.secondCall.SetText(minutesText(r.SecondCall))
	f.speechLimit.SetText(minutesText(r.SpeechLimit))
	f.showNumbers()
}

// pick selects the option of code in s.
func pick[T comparable](s *widget.Select, codes []T, code T) {
	s.ClearSelected()
	for i, c := range codes {
		if c == code {
			s.SetSelectedIndex(i)
		}
	}
}

// chosen is the code selected in s ("" when none).
func chosen[T any](s *widget.Select, codes []T) T {
	var zero T
	if i := s.SelectedIndex(); i >= 0 && i < len(codes) {
		return codes[i]
	}
	return zero
}

// get reads the rules; a number that is not one gives a rule Validate refuses, so the form says why.
func (f *rulesForm) get() data.Rules {
	quorum := func(s *widget.Select, e *widget.Entry) data.Quorum {
		q := data.Quorum{Kind: chosen(s, quorumKinds)}
		if q.Kind == data.QuorumNumber {
			n, err := strconv.Atoi(strings.TrimSpace(e.Text))
			if err != nil {
				n = -1
			}
			q.N = n
		}
		return q
	}
	proxies, err := strconv.Atoi(strings.TrimSpace(f.proxies.Text))
	if err != nil {
		proxies = 0
	}
	second, limit := readMinutes(f.secondCall.Text), readMinutes(f.speechLimit.Text)
	return data.Rules{
		QuorumPrima: quorum(f.prima, f.primaN), QuorumSeconda: quorum(f.seconda, f.secondaN),
		Weighting: chosen(f.weighting, weightings), MajorityBase: chosen(f.base, bases),
		Threshold: chosen(f.threshold, thresholds), TieBreak: chosen(f.tie, tieBreaks), Proxies: proxies,
		SecondCall: second, SpeechLimit: limit, BlankVotanti: f.blank.Checked,
	}
}

// showNumbers shows the number boxes only for a fixed quorum.
func (f *rulesForm) showNumbers() {
	for _, p := range []struct {
		s *widget.Select
		e *widget.Entry
	}{{f.prima, f.primaN}, {f.seconda, f.secondaN}} {
		if chosen(p.s, quorumKinds) == data.QuorumNumber {
			p.e.Show()
		} else {
			p.e.Hide()
		}
	}
}

func (f *rulesForm) enable(on bool) {
	setEnabled(on, f.prima, f.seconda, f.primaN, f.secondaN, f.weighting, f.base, f.threshold, f.tie, f.blank, f.proxies,
		f.secondCall, f.speechLimit)
	f.form.Refresh()
}

// explain says in words what the quorum means for these seats: how many must be present in each call,
// by heads and, when the rules weigh it, by population.
func (f *rulesForm) explain(seats []data.SeatView) {
	r := f.get()
	n := int64(len(seats))
	var pop int64
	for _, s := range seats {
		pop += int64(s.Population)
	}
	args := map[string]any{"n": n,
		"prima": italian.Int(int(r.QuorumPrima.Required(n))), "seconda": italian.Int(int(r.QuorumSeconda.Required(n))),
		"pop":       italian.Int(int(pop)),
		"pop_prima": italian.Int(int(r.QuorumPrima.Required(pop))), "pop_seconda": italian.Int(int(r.QuorumSeconda.Required(pop)))}
	text := lang.L("rules.explain_heads", args)
	if r.Weighting == data.WeightPopulation || r.Weighting == data.WeightDouble {
		text += " " + lang.L("rules.explain_population", args)
	}
	if n == 0 {
		text = lang.L("rules.explain_no_seats")
	}
	f.why.SetText(text)
}

// minutesText shows a number of minutes in a field, empty for none.
func minutesText(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// readMinutes reads a number of minutes typed in a field: empty is 0, a word is -1, which the rules'
// own check refuses with a sentence.
func readMinutes(text string) int {
	t := strings.TrimSpace(text)
	if t == "" {
		return 0
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return -1
	}
	return n
}
