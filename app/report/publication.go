package report

import (
	"maps"
	"slices"

	"github.com/tavoli/tavoli/data"
)

// The copy for publication (albo pretorio) of a verbale and of the Documento di sintesi is the same
// document made from the same data, read through a data.Redaction: private citizens and the people
// flagged in the registry by their initials (the session's president and secretary, who sign the act,
// by name), passages riservati as "[omissis]", and no e-mail address or telephone number (documents
// print none of their own; those typed into a text go). The full copy is the data as it is, with the
// marks of the passages riservati dropped: a text with no marks prints as it always did, so the full
// copy's bytes do not change.

// publicationKind is what a copy for publication adds to the document's name, in its title, its
// footer and its file's properties.
const publicationKind = " – copia per la pubblicazione"

// publicationNote is what the copy for publication says of itself under its title.
const publicationNote = "In questa copia i nomi dei cittadini sono indicati con le sole iniziali, i recapiti " +
	"sono omessi e i passaggi riservati sono sostituiti da " + data.Omissis + "."

// redactor is how a copy reads a dossier's texts and names: text rewrites every free text, and person
// gives the name a document prints for a person of the register (the naming unchanged, and false, for
// anyone not to be reduced).
type redactor struct {
	text   func(string) string
	person func(id string) (data.Naming, bool)
}

// fullCopy reads texts with their passages riservati, without the marks, and people as they are.
var fullCopy = redactor{text: data.FullText, person: func(string) (data.Naming, bool) { return data.Naming{}, false }}

// publicCopy is the redactor of a copy for publication of a dossier: the private people except its
// officers, whose surname alone is reduced too when the session's register, speakers or proposals name
// them.
func publicCopy(d data.Dossier) redactor {
	officers := map[string]bool{d.Session.PresidentID: true, d.Session.SecretaryID: true}
	var private []data.Private
	for _, p := range d.Private {
		if !officers[p.ID] {
			private = append(private, p)
		}
	}
	var near []string
	for _, l := range d.Register {
		near = append(near, l.PersonID)
	}
	for _, s := range d.Speeches {
		near = append(near, s.PersonID)
	}
	for _, p := range d.Proposals {
		near = append(near, p.ProposerID)
	}
	r := data.NewRedaction(private, near...)
	return redactor{text: r.Text, person: r.Person}
}

// dossier is d as the copy prints it. Nothing of d is changed: the slices are copied.
func (r redactor) dossier(d data.Dossier) data.Dossier {
	t := r.text
	d.Session.Place = t(d.Session.Place)
	d.Agenda = slices.Clone(d.Agenda)
	for i := range d.Agenda {
		d.Agenda[i].Title, d.Agenda[i].Notes = t(d.Agenda[i].Title), t(d.Agenda[i].Notes)
	}
	d.Register = slices.Clone(d.Register)
	for i := range d.Register {
		l := &d.Register[i]
		if n, ok := r.person(l.PersonID); ok {
			if l.SeatName == l.PersonName {
				l.SeatName = n.Listed()
			}
			l.Naming, l.PersonName = n, n.Listed()
		}
		// A delegator is named by name only: a private one is one whose name the text redaction changes.
		if l.Delegator != nil && t(l.Delegator.Prose()) != l.Delegator.Prose() {
			n := l.Delegator.Initials()
			l.Delegator = &n
		}
		l.SeatName, l.Organisation, l.DelegationAct = t(l.SeatName), t(l.Organisation), t(l.DelegationAct)
	}
	d.Speeches = slices.Clone(d.Speeches)
	for i := range d.Speeches {
		if n, ok := r.person(d.Speeches[i].PersonID); ok {
			d.Speeches[i].Speaker = n
		}
	}
	d.Seats = slices.Clone(d.Seats)
	for i := range d.Seats {
		d.Seats[i].Label, d.Seats[i].Name = t(d.Seats[i].Label), t(d.Seats[i].Name)
	}
	d.Decisions = slices.Clone(d.Decisions)
	for i := range d.Decisions {
		d.Decisions[i].Text = t(d.Decisions[i].Text)
	}
	d.Actions = slices.Clone(d.Actions)
	for i := range d.Actions {
		r.action(&d.Actions[i])
	}
	d.ActionChecks = slices.Clone(d.ActionChecks)
	for i := range d.ActionChecks {
		c := &d.ActionChecks[i]
		r.action(&c.ActionItem)
		if c.FollowUp != nil {
			f := *c.FollowUp
			f.Note = t(f.Note)
			c.FollowUp = &f
		}
	}
	d.Proposals = r.proposals(d.Proposals)
	d.Votes = slices.Clone(d.Votes)
	for i := range d.Votes {
		r.vote(&d.Votes[i])
	}
	if d.Approval != nil {
		a := *d.Approval
		r.vote(&a.Vote)
		d.Approval = &a
	}
	if d.Covered != nil {
		d.Covered = maps.Clone(d.Covered)
		for id, title := range d.Covered {
			d.Covered[id] = t(title)
		}
	}
	return d
}

func (r redactor) action(a *data.ActionItem) {
	if n, ok := r.person(a.PersonID); ok {
		a.Who = n.Prose()
	}
	a.Who, a.What = r.text(a.Who), r.text(a.What)
}

func (r redactor) vote(v *data.Vote) {
	v.Subject = r.text(v.Subject)
	v.Options = slices.Clone(v.Options)
	for i := range v.Options {
		v.Options[i].Label = r.text(v.Options[i].Label)
	}
	v.Voters = slices.Clone(v.Voters)
	for i := range v.Voters {
		v.Voters[i].Label = r.text(v.Voters[i].Label)
	}
}

func (r redactor) proposal(p data.ProposalView) data.ProposalView {
	if n, ok := r.person(p.ProposerID); ok {
		p.ProposerName, p.ProposerProse = n.Listed(), n.Prose()
	}
	p.Title, p.Text, p.TargetGroup, p.Reason = r.text(p.Title), r.text(p.Text), r.text(p.TargetGroup), r.text(p.Reason)
	return p
}

func (r redactor) proposals(ps []data.ProposalView) []data.ProposalView {
	ps = slices.Clone(ps)
	for i := range ps {
		ps[i] = r.proposal(ps[i])
	}
	return ps
}

func (r redactor) ranked(rs []data.Ranked) []data.Ranked {
	rs = slices.Clone(rs)
	for i := range rs {
		rs[i].ProposalView = r.proposal(rs[i].ProposalView)
		rs[i].Left = slices.Clone(rs[i].Left)
		for j := range rs[i].Left {
			rs[i].Left[j] = r.text(rs[i].Left[j])
		}
	}
	return rs
}

// synthesisCopy is the redactor of a copy for publication of the Documento di sintesi: the surname
// alone is reduced for the people who made a proposal.
func synthesisCopy(s data.Synthesis) redactor {
	var near []string
	for _, a := range s.Areas {
		for _, ps := range [][]data.ProposalView{a.Strengths, a.Critical, a.Strategies} {
			for _, p := range ps {
				near = append(near, p.ProposerID)
			}
		}
		for _, p := range a.Ideas {
			near = append(near, p.ProposerID)
		}
	}
	for _, p := range s.Priorities {
		near = append(near, p.ProposerID)
	}
	r := data.NewRedaction(s.Private, near...)
	return redactor{text: r.Text, person: r.Person}
}

// synthesis is s as the copy prints it. Nothing of s is changed: the slices are copied.
func (r redactor) synthesis(s data.Synthesis) data.Synthesis {
	s.Areas = slices.Clone(s.Areas)
	for i := range s.Areas {
		a := &s.Areas[i]
		a.Strengths, a.Critical, a.Strategies = r.proposals(a.Strengths), r.proposals(a.Critical), r.proposals(a.Strategies)
		a.Ideas = r.ranked(a.Ideas)
	}
	s.Priorities = r.ranked(s.Priorities)
	s.Rounds = slices.Clone(s.Rounds)
	for i := range s.Rounds {
		r.vote(&s.Rounds[i].Vote)
	}
	return s
}
