import { useQuery } from '@tanstack/react-query';
import { fetchMaturityQuestionnaire, fetchParticipantHome, participantHomeKey } from '../api/assessments.ts';
import { networkFirst } from '../offline/network-first.ts';
import { savedAnswers } from './participant-db.ts';

/*
 * What the participant's page shows, fresh from the server when there is network and kept on
 * the phone each time (IndexedDB, participant-db.ts); without network, the kept copy with the
 * time it was saved. The queries run whatever the network (`networkMode: 'always'`): they answer
 * from the phone themselves.
 */

/** The participant's tests (with their questions), sessions for feedback and certificate. */
export function useParticipantHome(token: string) {
  return useQuery({
    queryKey: participantHomeKey(token),
    queryFn: ({ signal }) => networkFirst(savedAnswers, `home:${token}`, () => fetchParticipantHome(token, signal)),
    enabled: token !== '',
    retry: false,
    networkMode: 'always',
  });
}

/** The digital-maturity questions and levels in the language on screen. */
export function useParticipantQuestionnaire(language: string) {
  return useQuery({
    queryKey: ['maturity-questionnaire', 'saved', language],
    queryFn: ({ signal }) => networkFirst(savedAnswers, `questionnaire:${language}`, () => fetchMaturityQuestionnaire(signal)),
    staleTime: Infinity,
    retry: false,
    networkMode: 'always',
  });
}
