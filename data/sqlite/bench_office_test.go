package sqlite

import (
	"context"
	"fmt"
	"testing"

	"github.com/tavoli/tavoli/app/report"
	"github.com/tavoli/tavoli/data"
)

// officeScale is the size the Ufficio di Piano's benchmarks measure: the demo at scale 100.
const officeScale = 100

// officeProposals is how many proposals the benchmarks want at that scale: a district whose tables
// met for a whole plan, a dozen ideas per table and meeting.
const officeProposals = 12 * officeScale

// officeStore opens the demo at scale 100 and, when the demo does not bring that many proposals, adds
// copies of its own (other titles, the same areas, kinds and proposers) so that the measure is of a
// district at size whatever the demo generates.
func officeStore(b *testing.B) *Store {
	b.Helper()
	ctx := context.Background()
	s := openAt(b, demoDB(b, officeScale), testOptions())
	list, err := s.Proposals(ctx, data.ProposalFilter{})
	must(b, "Proposals", err)
	for i := 0; len(list)+i < officeProposals; i++ {
		src := list[i%len(list)].Proposal
		p := data.Proposal{AreaID: src.AreaID, Kind: src.Kind, Title: fmt.Sprintf("%s (%d)", src.Title, i),
			Text: src.Text, TargetGroup: src.TargetGroup, ProposerID: src.ProposerID, OrganisationID: src.OrganisationID,
			ComuneIDs: src.ComuneIDs, Cost: src.Cost, Duration: src.Duration}
		_, err := s.SaveProposal(ctx, p)
		must(b, "SaveProposal", err)
	}
	return s
}

func BenchmarkProposalSearch(b *testing.B) {
	ctx := context.Background()
	s := officeStore(b)
	areas, err := s.Areas(ctx)
	must(b, "Areas", err)
	all, err := s.Proposals(ctx, data.ProposalFilter{})
	must(b, "Proposals", err)
	b.ReportMetric(float64(len(all)), "proposals")
	for _, tt := range []struct {
		name string
		f    data.ProposalFilter
	}{
		{"query", data.ProposalFilter{Query: "assistenza domicil"}},
		{"query+filters", data.ProposalFilter{Query: "servizi", AreaID: areas[len(areas)/2].ID, Kind: data.KindIpotesi,
			Sort: data.SortPriority}},
		{"all by area", data.ProposalFilter{Sort: data.SortArea}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			var found int
			b.ResetTimer()
			for range b.N {
				list, err := s.Proposals(ctx, tt.f)
				if err != nil {
					b.Fatalf("Proposals(%+v) = %v", tt.f, err)
				}
				found = len(list)
			}
			b.ReportMetric(float64(len(all)), "proposals")
			b.ReportMetric(float64(found), "found")
		})
	}
}

func BenchmarkSynthesisPDF(b *testing.B) {
	ctx := context.Background()
	s := officeStore(b)
	var size int
	b.ResetTimer()
	for range b.N {
		syn, err := s.Synthesis(ctx, "")
		if err != nil {
			b.Fatalf("Synthesis = %v", err)
		}
		pdf, err := report.Sintesi(syn)
		if err != nil {
			b.Fatalf("Sintesi = %v", err)
		}
		size = len(pdf)
	}
	b.ReportMetric(float64(size)/1024, "KiB")
}
