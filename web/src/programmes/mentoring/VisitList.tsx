import { Anchor, Badge, Card, Group, Image, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useVisits, visitPhotoUrl } from '../../api/mentoring.ts';
import { EmptyMessage, PageLoader, QueryError } from '../../components/QueryState.tsx';
import { useFormat } from '../../i18n/use-format.ts';

/** An MSME's mentoring visits, newest first, with their agreed actions and photos. */
export function VisitList({ programmeId, msmeId, businessName }: { programmeId: string; msmeId: string; businessName: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const query = useVisits(programmeId, msmeId);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <EmptyMessage title={t('mentoring.noVisits')} />;
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('mentoring.visitsOf', { name: businessName })}>
      {query.data.items.map((visit) => (
        <Card key={visit.id} withBorder radius="md" padding="sm" component="li" aria-label={t('mentoring.visitOn', { date: format.date(visit.visitedOn) })}>
          <Group justify="space-between" gap={4} align="flex-start">
            <Stack gap={0}>
              <Text fw={600}>{format.date(visit.visitedOn)}</Text>
              <Text size="xs" c="dimmed">
                {t('mentoring.byMentor', { name: visit.mentor.name })} · {t('mentoring.receivedAt', { time: format.dateTime(visit.receivedAt) })}
              </Text>
            </Stack>
            <Badge variant="light">{t(`visitMode.${visit.mode}`)}</Badge>
          </Group>
          {visit.notes && (
            <Text size="sm" mt={6} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {visit.notes}
            </Text>
          )}
          {visit.agreedActions.length > 0 && (
            <Stack gap={2} mt={6}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('mentoring.fields.agreedActions')}
              </Text>
              <List size="sm" spacing={2}>
                {visit.agreedActions.map((action, index) => (
                  <List.Item key={index} style={{ overflowWrap: 'anywhere' }}>
                    {action}
                  </List.Item>
                ))}
              </List>
            </Stack>
          )}
          {visit.photos.length > 0 && (
            <SimpleGrid cols={{ base: 3, sm: 5 }} spacing={6} mt="xs" aria-label={t('mentoring.photos', { count: visit.photos.length })}>
              {visit.photos.map((photo, index) => (
                <Anchor key={photo.id} href={visitPhotoUrl(visit.id, photo.id)} target="_blank" rel="noopener noreferrer">
                  <Image
                    src={visitPhotoUrl(visit.id, photo.id)}
                    alt={t('mentoring.photoAlt', { number: index + 1, date: format.date(visit.visitedOn) })}
                    radius="sm"
                    h={80}
                    fit="cover"
                    loading="lazy"
                  />
                </Anchor>
              ))}
            </SimpleGrid>
          )}
        </Card>
      ))}
    </Stack>
  );
}
