package vote_test

import (
	"reflect"
	"testing"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/vote"
)

func TestParseCriteria(t *testing.T) {
	type k = data.VoteCriterion
	tests := []struct {
		in   string
		want []data.VoteCriterion
	}{
		{"urgenza:1,5, gravità:1", []k{{ID: "urgenza", Weight: 1.5}, {ID: "gravità", Weight: 1}}},
		{"urgenza:1,5,gravità:1", []k{{ID: "urgenza", Weight: 1.5}, {ID: "gravità", Weight: 1}}},
		{"urgenza: 1.5 ; gravità : 0,25", []k{{ID: "urgenza", Weight: 1.5}, {ID: "gravità", Weight: 0.25}}},
		{"urgenza:2, gravità:1, efficacia:1, fattibilità:1, costo:1", []k{{ID: "urgenza", Weight: 2}, {ID: "gravità", Weight: 1},
			{ID: "efficacia", Weight: 1}, {ID: "fattibilità", Weight: 1}, {ID: "costo", Weight: 1}}},
		{"urgenza, costo", []k{{ID: "urgenza", Weight: 1}, {ID: "costo", Weight: 1}}},
		{"urgenza:2,costo", []k{{ID: "urgenza", Weight: 2}, {ID: "costo", Weight: 1}}},
		{"a:0,1, b:0,2, c:0,3", []k{{ID: "a", Weight: 0.1}, {ID: "b", Weight: 0.2}, {ID: "c", Weight: 0.3}}},
		{" urgenza:1,5 ,, ", []k{{ID: "urgenza", Weight: 1.5}}},
	}
	for _, tt := range tests {
		got, err := vote.ParseCriteria(tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseCriteria(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
	refused := []struct{ in, key string }{
		{"", "err.vote.criteria_required"},
		{" , ", "err.vote.criteria_required"},
		{"urgenza:0", "err.vote.criterion"},
		{"urgenza:-1", "err.vote.criterion"},
		{"urgenza:1,5,5", "err.vote.criterion"},
		{"urgenza:1e3", "err.vote.criterion"},
		{"urgenza:3/2", "err.vote.criterion"},
		{"urgenza:molta", "err.vote.criterion"},
		{":2", "err.vote.criterion"},
		{"urgenza:1, urgenza:2", "err.vote.criterion"},
		{"urgenza:1000000", "err.vote.criterion"},
	}
	for _, tt := range refused {
		got, err := vote.ParseCriteria(tt.in)
		if e := data.AsError(err); e == nil || e.Code != data.EInvalid || e.Key != tt.key {
			t.Errorf("ParseCriteria(%q) = %v, %v; want %s", tt.in, got, err, tt.key)
		}
	}
}
