package router

import "deploybot"

// The DORA figures asked in chat: "dora [PROJECT] [PERIOD]", "nos
// métriques DORA du mois", "show me the DORA figures for web", "how did we
// do this week?", "comment on s'en est sortis ce mois-ci ?". Not "what are
// the DORA metrics?", a question about what they are.
var (
	doraWordRe  = mustCompile(`(?:^|\s)dora(?:\s|$)`)
	doraWhatRe  = mustCompile(`^(?:what|whats|what s|c est quoi|qu est-ce que|qu est ce que|explain|explique|define|definition|why|pourquoi|how (?:do|does|are|is) (?:we |you |they )?(?:compute|calculate|measure|calcul))\b`)
	howDidWeDo  = mustCompile(`^(?:so\s+|and\s+|alors\s+|et\s+)?(?:how\s+(?:did|have|are)\s+we\s+(?:do|done|doing)|how\s+(?:s|is|was)\s+our\s+(?:delivery|shipping|deploy\w*)\s+(?:going|looking)|comment\s+(?:on\s+s\s+en\s+(?:est\s+)?sorti(?:s|es)?|ca\s+s\s+est\s+passe|on\s+s\s+en\s+sort)|(?:our|show\s+(?:me\s+)?(?:the\s+|our\s+)?)\s*(?:delivery|deployment)\s+(?:metrics|figures|stats|performance)|nos\s+(?:chiffres|stats|statistiques|indicateurs|metriques)\s+de\s+(?:livraison|deploiement|mise en prod))\b`)
	doraPeriods = map[string]string{
		"week": "week", "weeks": "week", "semaine": "week", "hebdo": "week", "month": "month", "mois": "month",
		"mois-ci": "month", "quarter": "quarter", "trimestre": "quarter", "year": "year", "annee": "year", "an": "year",
	}
	// doraOursRe asks for our figures, not what the metrics are: "c'est
	// quoi nos chiffres DORA sur le front ?".
	// doraAdviceRe asks how to do better, not for the figures: "what are
	// we doing wrong?", "how do we improve it?", "comment baisser notre
	// taux d'échec ?".
	// doraMeaningRe asks what a figure's name means, anywhere in the line:
	// "the manager wants to know what 'time to restore' means in the DORA
	// report" (it showed the figures).
	doraMeaningRe = mustCompile(`\b(?:means|mean|meaning|signifie|signifient|veut dire|veulent dire|definition|definitions)\b`)
	doraAdviceRe  = mustCompile(`\b(?:doing (?:it )?wrong|do (?:it )?better|improve|improving|reduce|lower|cut|bring (?:it )?down|what should we|how (?:can|could|should|do) we|ameliorer|reduire|baisser|diminuer|faire mieux|que faire|qu est-ce qu on fait mal|on fait mal|comment (?:on|faire)|what s wrong)\b`)
	// doraFigureRe names a delivery figure.
	doraFigureRe = mustCompile(`\b(?:dora|change failure rate|failure rate|taux d echec|lead time|mttr|time to restore|deployment frequency|frequence de (?:deploiement|mise en prod))\b`)
	doraShownRe  = mustCompile(`\b(?:ces|these|those)\s+(?:chiffres|figures|numbers|scores|stats)\b`)
	doraOursRe   = mustCompile(`\b(?:nos|notre|our|my|mes|chiffres|figures|numbers|scores|stats)\b`)
	doraDaysRe   = mustCompile(`\b(\d{1,4})\s*(?:d|days|jours|j)\b`)
)

// doraCommand finds a request for the DORA figures: its project, and its
// period as args "period" (week, month, quarter, year or Nd).
func (r *Router) doraCommand(p *parse, bare string) (cmd, bool) {
	named := doraWordRe.MatchString(bare)
	if !named && !howDidWeDo.MatchString(bare) || named && doraWhatRe.MatchString(bare) && !doraOursRe.MatchString(bare) ||
		named && doraMeaningRe.MatchString(bare) && !doraOursRe.MatchString(bare) {
		return cmd{}, false
	}
	c := cmd{cmd: deploybot.CmdDora}
	words := appendFields(make([]string, 0, 16), bare)
	for i, w := range words {
		if period, ok := doraPeriods[w]; ok {
			c.set("period", period)
			continue
		}
		if p, ok := r.project(w); ok && c.app == "" {
			c.app = p
			continue
		}
		// "dora foo", "dora de foo": a name where a project belongs.
		if c.app == "" && c.unknownApp == "" && i > 0 && isLetters(w) && !fillers.has(w) && !doraWords.has(w) &&
			(words[i-1] == "dora" || fillers.has(words[i-1]) && i > 1 && words[i-2] == "dora") && (i == len(words)-1 || doraPeriods[words[len(words)-1]] != "") {
			c.unknownApp = w
		}
	}
	if m := doraDaysRe.FindStringSubmatch(bare); m != nil {
		c.set("period", m[1]+"d")
	}
	if c.app == "" && p.in.SubjectApp != "" {
		c.app = p.in.SubjectApp
	}
	return c, true
}

// doraWords are the words around "dora" that name no project.
var doraWords = setOf("metrics", "metriques", "figures", "chiffres", "indicateurs", "stats", "report", "rapport", "please", "stp",
	"svp", "this", "cette", "ce", "last", "dernier", "dernieres", "derniers", "nos", "our", "mes", "my", "les", "the", "du", "de",
	"month", "mois", "week", "semaine", "sur", "over", "pour", "for", "agence", "agency", "global", "tout", "all", "team", "equipe")
