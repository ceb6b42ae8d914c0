package agents

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"deploybot"
)

// question is one question of the context interview.
type question struct {
	scope deploybot.Scope
	key   string
	text  [2]string // fr, en
	keep  bool      // "same as the agency" is an answer that stores nothing
}

// The agency questions come first when the agency layer is empty; then the
// project questions.
var agencyQuestions = []question{
	{deploybot.ScopeAgency, deploybot.KeyStrategy, [2]string{
		"Quelle stratégie de déploiement par défaut pour l'agence ?",
		"Which default deployment strategy does the agency use?"}, false},
	{deploybot.ScopeAgency, deploybot.KeyPipeline, [2]string{
		"Y a-t-il un pipeline de déploiement standard ? (GitHub Actions, GitLab CI...)",
		"Is there a standard deployment pipeline? (GitHub Actions, GitLab CI...)"}, false},
	{deploybot.ScopeAgency, deploybot.KeyEnvironments, [2]string{
		"Comment sont gérés les environnements ? (staging, prod, autres)",
		"How are environments managed? (staging, prod, others)"}, false},
	{deploybot.ScopeAgency, deploybot.KeySmokeTests, [2]string{
		"Y a-t-il une suite de smoke tests commune à l'agence ?",
		"Does the agency have a reusable smoke-test suite?"}, false},
	{deploybot.ScopeAgency, deploybot.KeyApproval, [2]string{
		"Quel processus d'approbation pour la production ?",
		"Which approval process for production?"}, false},
}

var projectQuestions = []question{
	{deploybot.ScopeProject, deploybot.KeyConstraints, [2]string{
		"Y a-t-il des contraintes de déploiement ? (horaires, approbation du client)",
		"Are there deployment constraints? (hours, client approval)"}, false},
	{deploybot.ScopeProject, deploybot.KeyZeroDowntime, [2]string{
		"Le zéro interruption est-il obligatoire ?",
		"Is zero downtime mandatory?"}, false},
	{deploybot.ScopeProject, deploybot.KeyStrategy, [2]string{
		"Faut-il une autre stratégie que celle de l'agence ? (ex. canary pour de l'A/B) — « idem » pour garder celle de l'agence",
		"Does it need another strategy than the agency's? (e.g. canary for A/B) — \"same\" to keep the agency's"}, true},
	{deploybot.ScopeProject, deploybot.KeyExtraEnvs, [2]string{
		"Y a-t-il des environnements spécifiques ? (UAT, démo, multi-région)",
		"Are there specific environments? (UAT, demo, multi-region)"}, false},
	{deploybot.ScopeProject, deploybot.KeyValidations, [2]string{
		"Des validations particulières sont-elles requises ? (tests de charge, sécurité)",
		"Are specific validations required? (load tests, security)"}, false},
	{deploybot.ScopeProject, deploybot.KeySLA, [2]string{
		"Y a-t-il des SLA de déploiement ? (fréquence, fenêtres imposées)",
		"Are there deployment SLAs? (frequency, imposed windows)"}, false},
	{deploybot.ScopeProject, deploybot.KeyApproval, [2]string{
		"Quelle approbation pour la production de ce projet ? — « idem » pour garder celle de l'agence",
		"Which approval for this project's production? — \"same\" to keep the agency's"}, true},
	{deploybot.ScopeProject, deploybot.KeyStagingFirst, [2]string{
		"Une version doit-elle passer par le staging avant la production ?",
		"Must a version go through staging before production?"}, false},
}

// choices are the answers a question offers, numbered.
func choices(key string) []string {
	k, _ := deploybot.SettingKeyOf(key)
	if k.Kind == deploybot.KindBool {
		return []string{"yes", "no"}
	}
	return k.Choices
}

// questions returns the questions of an interview, to be read only: the
// lists are shared, not copied for each message of an interview (issue
// 19: the copies were a sixth of an answer's handling).
func questions(iv deploybot.Interview) []question {
	switch {
	case iv.Agency && iv.Project != "":
		return agencyThenProjectQuestions
	case iv.Agency:
		return agencyQuestions
	case iv.Project != "":
		return projectQuestions
	}
	return nil
}

// agencyThenProjectQuestions are the questions of an interview of the
// agency and a project.
var agencyThenProjectQuestions = slices.Concat(agencyQuestions, projectQuestions)

// Words that steer an interview.
var (
	stopWords = map[string]bool{"stop": true, "pause": true, "arrete": true, "arreter": true, "plus tard": true, "later": true, "annule": true, "cancel": true, "quit": true}
	skipWords = map[string]bool{"skip": true, "passe": true, "passer": true, "je ne sais pas": true, "jsp": true, "i dont know": true, "pass": true, "next": true, "suivant": true}
	keepWords = map[string]bool{"idem": true, "same": true, "pareil": true, "agence": true, "agency": true, "comme l agence": true, "keep": true, "garder": true}
	noneWords = map[string]bool{"non": true, "no": true, "aucun": true, "aucune": true, "none": true, "rien": true, "nothing": true, "pas de": true}
)

// startInterview starts, or resumes, the interview of the message's user in
// its channel for project ("" for the agency alone).
func (o *Orchestrator) startInterview(ctx context.Context, msg deploybot.Message, l deploybot.Lang, project string) (deploybot.Reply, error) {
	iv, found, err := o.Interviews.Interview(ctx, msg.Platform, msg.Channel, msg.User)
	if err != nil {
		return deploybot.Reply{}, err
	}
	resumed := found && iv.Status != deploybot.InterviewDone && iv.Project == project
	if !resumed {
		agencyEmpty, err := o.agencyEmpty(ctx)
		if err != nil {
			return deploybot.Reply{}, err
		}
		iv = deploybot.Interview{Platform: msg.Platform, Channel: msg.Channel, User: msg.User, Project: project,
			Agency: agencyEmpty || project == ""}
	}
	iv.Status, iv.Lang, iv.UpdatedAt = deploybot.InterviewActive, l, o.now()
	if err := o.Interviews.SaveInterview(ctx, iv); err != nil {
		return deploybot.Reply{}, err
	}
	var intro string
	switch {
	case resumed:
		intro = fmt.Sprintf(l.Pick("On reprend là où on s'était arrêté (question %d/%d).", "Resuming where we stopped (question %d/%d)."),
			iv.Step+1, len(questions(iv)))
	case project == "":
		intro = l.Pick("Configurons les conventions de l'agence.", "Let's set up the agency's conventions.")
	default:
		intro = fmt.Sprintf(l.Pick("Configurons le projet *%s*.", "Let's set up project *%s*."), project)
		if iv.Agency {
			intro += l.Pick(" Les conventions de l'agence ne sont pas encore renseignées : je commence par elles.",
				" The agency's conventions are not recorded yet: I start with them.")
		}
	}
	intro += l.Pick(" Répondez librement ou par un numéro ; « passer » pour sauter une question, « stop » pour reprendre plus tard.",
		" Answer freely or with a number; \"skip\" to skip a question, \"stop\" to continue later.")
	r := o.ask(iv)
	r.Text = intro + "\n\n" + r.Text
	return r, nil
}

// agencyEmpty reports whether neither the file nor chat says anything of
// the agency's conventions: the interview then asks them first.
func (o *Orchestrator) agencyEmpty(ctx context.Context) (bool, error) {
	for _, q := range agencyQuestions {
		v, err := o.Settings.Resolve(ctx, "", "", q.key)
		if err != nil {
			return false, err
		}
		if v.Scope != deploybot.ScopeGlobal {
			return false, nil
		}
	}
	return true, nil
}

// wordsWanted reports whether key's value is said in words (a text, a
// list), where a bare number is no answer.
func wordsWanted(key string) bool {
	k, ok := deploybot.SettingKeyOf(key)
	return !ok || k.Kind == deploybot.KindText || k.Kind == deploybot.KindList
}

// isCount reports whether folded is a bare number: "2".
func isCount(folded string) bool {
	_, err := strconv.Atoi(folded)
	return err == nil
}

// unsureAnswer reports whether folded only says the person does not know:
// "euh je sais pas trop", "no idea", "pas sur".
func unsureAnswer(folded string) bool {
	for _, w := range []string{"sais pas", "chais pas", "aucune idee", "no idea", "not sure", "pas sur", "dunno", "don t know", "idk"} {
		if strings.Contains(" "+folded+" ", " "+w+" ") {
			return true
		}
	}
	return false
}

// ask states the interview's current question, with its choices.
func (o *Orchestrator) ask(iv deploybot.Interview) deploybot.Reply {
	l := iv.Lang
	qs := questions(iv)
	q := qs[iv.Step]
	text := q.text[0]
	if l == deploybot.English {
		text = q.text[1]
	}
	// Appended, not formatted: an interview asks its question again
	// after each message it is given (in bench's scripted chat, one
	// message in two), and fmt's boxing was most of ask's allocations
	// (issue 19).
	cs := choices(q.key)
	n := len("*Question 10/10* — ") + len(text)
	for _, c := range cs {
		n += len("\n  10. ") + len(c)
	}
	b := make([]byte, 0, n)
	b = append(b, "*Question "...)
	b = strconv.AppendInt(b, int64(iv.Step+1), 10)
	b = append(b, '/')
	b = strconv.AppendInt(b, int64(len(qs)), 10)
	b = append(b, "* — "...)
	b = append(b, text...)
	for i, c := range cs {
		b = append(b, "\n  "...)
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, ". "...)
		b = append(b, c...)
	}
	return deploybot.Reply{Lang: l, Text: string(b)}
}

// continueInterview takes msg as the answer to the current question of
// iv, stored through the settings like a chat change (validated, with the
// same rights). It reports false when msg is not an answer but a question
// of its own: the caller answers it, then the interview goes on.
func (o *Orchestrator) continueInterview(ctx context.Context, msg deploybot.Message, iv deploybot.Interview, text string) (deploybot.Reply, bool, error) {
	l := iv.Lang
	answer := strings.TrimSpace(text)
	folded := foldLine(answer)
	qs := questions(iv)
	if iv.Step >= len(qs) {
		iv.Status = deploybot.InterviewDone
		return deploybot.Reply{Lang: l}, true, o.Interviews.SaveInterview(ctx, iv)
	}
	q := qs[iv.Step]
	cs := choices(q.key)
	prefix := l.Pick("Noté. ", "Noted. ")
	switch {
	case stopWords[folded]:
		iv.Status, iv.UpdatedAt = deploybot.InterviewPaused, o.now()
		if err := o.Interviews.SaveInterview(ctx, iv); err != nil {
			return deploybot.Reply{}, true, err
		}
		again := l.Pick("configure le projet "+iv.Project, "onboard project "+iv.Project)
		if iv.Project == "" {
			again = l.Pick("configure l'agence", "onboard agency")
		}
		return deploybot.Reply{Lang: l, Text: fmt.Sprintf(l.Pick(
			"Entretien en pause à la question %d/%d. Dites « %s » pour reprendre.",
			"Interview paused at question %d/%d. Say \"%s\" to resume."), iv.Step+1, len(qs), again)}, true, nil
	case skipWords[folded]:
		prefix = l.Pick("Question passée. ", "Skipped. ")
	case q.keep && keepWords[folded]:
		prefix = l.Pick("On garde la valeur de l'agence. ", "Keeping the agency's. ")
	case strings.HasSuffix(answer, "?"):
		return deploybot.Reply{}, false, nil // a question of its own
	case len(cs) == 0 && wordsWanted(q.key) && (isCount(folded) || unsureAnswer(folded)):
		// "2" to a question in words (the choices' numbers of the questions
		// before), "euh je sais pas trop": stored as the project's
		// constraints or environments (a new user's); asked again.
		r := o.ask(iv)
		r.Text = l.Pick("Cette question attend une réponse en mots (ou « passer »). ", "This question needs an answer in words (or \"skip\"). ") + r.Text
		return r, true, nil
	default:
		value := answer
		if n, err := strconv.Atoi(folded); err == nil && n >= 1 && n <= len(cs) {
			value = cs[n-1]
		} else if len(cs) == 0 && noneWords[folded] {
			value = l.Pick("aucune", "none")
			if k, _ := deploybot.SettingKeyOf(q.key); k.Kind == deploybot.KindList {
				value = "" // none required: an empty list
			}
		}
		scope, project := q.scope, ""
		if scope == deploybot.ScopeProject {
			project = iv.Project
		}
		if o.Deploys != nil {
			if err := o.Deploys.MayChange(ctx, scope, project, q.key, msg.User); err != nil {
				prefix = l.Pick("Question passée : ", "Skipped: ") + deploybot.ErrorMessageIn(err, l) + ". "
				break
			}
		}
		before, err := o.Settings.Set(ctx, scope, project, "", q.key, value, msg.User, msg.UserName)
		if err != nil {
			if deploybot.ErrorCode(err) == deploybot.EINTERNAL {
				return deploybot.Reply{}, true, err
			}
			r := o.ask(iv)
			r.Text = "❌ " + deploybot.ErrorMessageIn(err, l) + "\n" + r.Text
			return r, true, nil
		}
		// A change that can loosen production is announced, as by chat.
		after, err := o.Settings.Resolve(ctx, project, "", q.key)
		if err != nil {
			return deploybot.Reply{}, true, err
		}
		o.announceChange(ctx, l, msg, scope, project, "", q.key, before, after)
	}
	iv.Step++
	iv.UpdatedAt = o.now()
	if iv.Step < len(qs) {
		if err := o.Interviews.SaveInterview(ctx, iv); err != nil {
			return deploybot.Reply{}, true, err
		}
		r := o.ask(iv)
		r.Text = prefix + r.Text
		return r, true, nil
	}
	iv.Status = deploybot.InterviewDone
	if err := o.Interviews.SaveInterview(ctx, iv); err != nil {
		return deploybot.Reply{}, true, err
	}
	r, err := o.showContext(ctx, l, iv.Project)
	if err != nil {
		return deploybot.Reply{}, true, err
	}
	r.Text = prefix + l.Pick("Merci, l'entretien est terminé. Voici le contexte qui s'applique désormais :",
		"Thanks, the interview is complete. Here is the context that now applies:") + optionalText("\n", r.Text)
	return r, true, nil
}
