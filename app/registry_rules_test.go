package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/tavoli/tavoli/data"
)

// The delay of the seconda convocazione is read and written by the rules form: empty is none, and a
// word is refused by the rules' own check.
func TestRulesFormSecondCall(t *testing.T) {
	test.NewTempApp(t)
	changes := 0
	f := newRulesForm(func() { changes++ })
	f.set(data.DefaultRules(data.BodySindaci))
	if got := f.secondCall.Text; got != "30" {
		t.Errorf("second call shown for the mayors = %q, want 30", got)
	}
	if r := f.get(); r.SecondCall != 30 || r.Validate() != nil {
		t.Errorf("get() = %+v (%v), want 30 minutes", r, r.Validate())
	}
	test.Type(f.secondCall, "x")
	if r := f.get(); r.Validate() == nil || changes == 0 {
		t.Errorf("get() with %q = %+v, valid; want it refused and the change reported", f.secondCall.Text, r)
	}
	f.secondCall.SetText("")
	if r := f.get(); r.SecondCall != 0 || r.Validate() != nil {
		t.Errorf("get() with no delay = %+v (%v), want no seconda convocazione", r, r.Validate())
	}
	test.Type(f.speechLimit, "5")
	if r := f.get(); r.SpeechLimit != 5 || r.Validate() != nil {
		t.Errorf("get() with a 5-minute limit = %+v (%v)", r, r.Validate())
	}
	f.set(data.DefaultRules(data.BodyTavoloTematico))
	if got := f.secondCall.Text + f.speechLimit.Text; got != "" {
		t.Errorf("second call and speech limit shown for a Tavolo tematico = %q, want none", got)
	}
}

// The rule that counts the schede bianche e nulle among the votanti is a check of the rules form,
// shown as stored and read back as ticked.
func TestRulesFormBlankVotanti(t *testing.T) {
	test.NewTempApp(t)
	changes := 0
	f := newRulesForm(func() { changes++ })
	for _, on := range []bool{true, false} {
		r := data.DefaultRules(data.BodySindaci)
		r.BlankVotanti = on
		f.set(r)
		if f.blank.Checked != on || changes != 0 {
			t.Errorf("set(blank_votanti %v): check ticked %v, %d changes reported; want %v and none", on, f.blank.Checked, changes, on)
		}
	}
	test.Tap(f.blank)
	if r := f.get(); !r.BlankVotanti || r.Validate() != nil || changes != 1 {
		t.Errorf("get() after ticking = %+v (%v), %d changes; want blank_votanti and one change", r, r.Validate(), changes)
	}
	if f.blank.Text != "Schede bianche e nulle contano tra i votanti" {
		t.Errorf("the check reads %q", f.blank.Text)
	}
}
