import { Alert, Button, Chip, Group, Rating, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordPaperFeedback } from '../api/assessments.ts';
import type { SessionDetail } from '../api/types.ts';
import { ResponsiveModal } from '../components/ResponsiveModal.tsx';

const RECOMMEND = Array.from({ length: 11 }, (_, i) => String(i));

/**
 * Feedback forms collected on paper after a session, typed in one after the other (anonymous).
 * A form keeps its client id until it is saved, so a retry stores it once.
 */
export function PaperFeedbackModal({ session, onClose }: { session: SessionDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const record = useRecordPaperFeedback(session.programmeId, session.id);
  const [rating, setRating] = useState(0);
  const [recommend, setRecommend] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [clientId, setClientId] = useState(() => crypto.randomUUID());
  const [empty, setEmpty] = useState(false);
  const [count, setCount] = useState(0);
  const [last, setLast] = useState<'accepted' | 'duplicate' | null>(null);

  const submit = () => {
    if (!rating && recommend === null && !comment.trim()) return setEmpty(true);
    setEmpty(false);
    record.mutate(
      { clientId, rating: rating || null, recommend: recommend === null ? null : Number(recommend), comment: comment.trim() || null },
      {
        onSuccess: (result) => {
          if (result.outcome === 'accepted') setCount((n) => n + 1);
          setLast(result.outcome);
          setRating(0);
          setRecommend(null);
          setComment('');
          setClientId(crypto.randomUUID());
        },
      },
    );
  };

  return (
    <ResponsiveModal opened onClose={onClose} title={t('paperResults.feedback.title', { title: session.title })}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('paperResults.feedback.intro')}
        </Text>
        {last && (
          <Alert color={last === 'accepted' ? 'teal' : 'gray'} p="xs" role="status">
            {t(last === 'accepted' ? 'paperResults.feedback.saved' : 'paperResults.feedback.duplicate')} {t('paperResults.feedback.count', { count })}
          </Alert>
        )}
        <div>
          <Text size="sm" fw={600} id="paper-feedback-rating">
            {t('paperResults.feedback.rating')}
          </Text>
          <Rating value={rating} onChange={setRating} size="lg" aria-labelledby="paper-feedback-rating" getSymbolLabel={(value) => t('assessments.feedback.stars', { count: value })} />
        </div>
        <div>
          <Text size="sm" fw={600} mb={4} id="paper-feedback-recommend">
            {t('paperResults.feedback.recommend')}
          </Text>
          <Chip.Group multiple={false} value={recommend} onChange={setRecommend}>
            <Group gap={4} role="radiogroup" aria-labelledby="paper-feedback-recommend">
              {RECOMMEND.map((value) => (
                <Chip key={value} value={value} size="xs" radius="sm">
                  {value}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </div>
        <Textarea label={t('paperResults.feedback.comment')} autosize minRows={2} maxLength={5000} value={comment} onChange={(event) => setComment(event.currentTarget.value)} />
        {empty && (
          <Alert color="orange" p="xs" role="alert">
            {t('paperResults.feedback.empty')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
          <Button onClick={submit} loading={record.isPending}>
            {t('paperResults.feedback.submit')}
          </Button>
        </Group>
      </Stack>
    </ResponsiveModal>
  );
}
