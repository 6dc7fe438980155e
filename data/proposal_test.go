package data_test

import (
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestProposalValidate(t *testing.T) {
	ok := data.Proposal{AreaID: "a", Kind: data.KindIpotesi, State: data.StateProposta, Title: "Centro diurno"}
	with := func(f func(*data.Proposal)) data.Proposal { p := ok; f(&p); return p }
	tests := []struct {
		name string
		p    data.Proposal
		key  string
	}{
		{"valid", ok, ""},
		{"punto di forza", with(func(p *data.Proposal) { p.Kind = data.KindPuntoDiForza }), ""},
		{"criticità", with(func(p *data.Proposal) { p.Kind = data.KindCriticita }), ""},
		{"strategia", with(func(p *data.Proposal) { p.Kind = data.KindStrategia }), ""},
		{"merged", with(func(p *data.Proposal) { p.State, p.MergedIntoID = data.StateAccorpata, "p2" }), ""},
		{"approved", with(func(p *data.Proposal) { p.State = data.StateApprovata }), ""},
		{"rejected", with(func(p *data.Proposal) { p.State = data.StateRespinta }), ""},
		{"no title", with(func(p *data.Proposal) { p.Title = "" }), "err.proposal.title_required"},
		{"blank title", with(func(p *data.Proposal) { p.Title = "   " }), "err.proposal.title_required"},
		{"no area", with(func(p *data.Proposal) { p.AreaID = "" }), "err.proposal.area_required"},
		{"no kind", with(func(p *data.Proposal) { p.Kind = "" }), "err.proposal.kind"},
		{"unknown kind", with(func(p *data.Proposal) { p.Kind = "idea" }), "err.proposal.kind"},
		{"merged into nothing", with(func(p *data.Proposal) { p.State = data.StateAccorpata }), "err.proposal.merged_into"},
	}
	for _, tt := range tests {
		checkKey(t, "Proposal{"+tt.name+"}.Validate()", tt.p.Validate(), tt.key)
	}
}
