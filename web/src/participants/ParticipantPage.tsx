import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useParticipantLink } from '../api/assessments.ts';
import { useParticipant, useUpdateEnrolment, type EnrolmentInput } from '../api/participants.ts';
import { ENROLMENT_STATUSES, type Enrolment, type EnrolmentStatus, type ParticipantDetail } from '../api/types.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { FieldList } from '../components/FieldList.tsx';
import { LinkWithQr } from '../components/LinkWithQr.tsx';
import { Forbidden } from '../components/Forbidden.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PageLoader, QueryError } from '../components/QueryState.tsx';
import { ResponsiveModal } from '../components/ResponsiveModal.tsx';
import { regionDisplayName } from '../format/region-name.ts';
import { useFormat } from '../i18n/use-format.ts';
import { notifySuccess } from '../notify.ts';
import { useSectorLabel } from '../programmes/targets/indicator-label.ts';
import { ConsentSection } from './ConsentSection.tsx';
import { EnrolmentStatusBadge } from './EnrolmentStatusBadge.tsx';
import { ParticipantForm } from './ParticipantForm.tsx';
import { NikValue, PersonalDataActions } from './PersonalData.tsx';
import { fromYesNo, toYesNo, useYesNoLabel, YesNoSelect } from './YesNoSelect.tsx';

function PersonSection({ participant }: { participant: ParticipantDetail }) {
  const { t } = useTranslation();
  const sectorLabel = useSectorLabel();
  const none = t('common.none');
  const { person, msme } = participant;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="participant-person">
        <Title order={3} size="h4" mb="sm" id="participant-person">
          {t('participants.person')}
        </Title>
        <FieldList
          fields={[
            { label: t('participants.fields.ownerName'), value: person.anonymised ? t('personalData.erasedName') : person.name },
            { label: t('participants.fields.nik'), value: <NikValue key={person.nik ?? ''} person={person} /> },
            { label: t('participants.fields.phone'), value: person.phone ?? none },
            { label: t('participants.fields.email'), value: person.email ?? none },
            { label: t('participants.fields.gender'), value: person.gender ? t(`gender.${person.gender}`) : none },
          ]}
        />
      </Paper>
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="participant-business">
        <Title order={3} size="h4" mb="sm" id="participant-business">
          {t('participants.business')}
        </Title>
        {msme ? (
          <FieldList
            fields={[
              { label: t('participants.fields.businessName'), value: person.anonymised ? t('personalData.erasedName') : msme.businessName },
              { label: t('participants.fields.nib'), value: msme.nib ?? none },
              { label: t('participants.fields.sector'), value: sectorLabel(msme.sector) },
              {
                label: t('participants.fields.regency'),
                value: msme.regency ? `${regionDisplayName(msme.regency.name)}, ${regionDisplayName(msme.regency.provinceName)} (${msme.regency.code})` : none,
              },
              { label: t('participants.fields.address'), value: msme.address ?? none, wide: true },
            ]}
          />
        ) : (
          <Text size="sm" c="dimmed">
            {t('participants.noBusiness')}
          </Text>
        )}
      </Paper>
    </SimpleGrid>
  );
}

/** The participant's personal link (`/peserta#…`): tests, feedback, self-assessment and their certificate. */
function ParticipantLinkPanel({ programmeId, personId, name }: { programmeId: string; personId: string; name: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const link = useParticipantLink(programmeId, personId, true);
  if (link.isPending) return <PageLoader />;
  if (link.isError) return <QueryError error={link.error} onRetry={() => void link.refetch()} />;
  return (
    <LinkWithQr
      url={link.data.url}
      svg={link.data.svg}
      alt={t('participantLink.qrAlt', { name })}
      hint={t('participantLink.hint', { date: format.date(link.data.expiresAt) })}
    />
  );
}

/** One programme this person is enrolled in, with its status, active and willing (editable where allowed). */
function EnrolmentCard({ personId, name, enrolment, canEdit }: { personId: string; name: string; enrolment: Enrolment; canEdit: boolean }) {
  const { t } = useTranslation();
  const [linkOpen, link] = useDisclosure(false);
  const format = useFormat();
  const yesNo = useYesNoLabel();
  const update = useUpdateEnrolment(personId);
  const { programme } = enrolment;
  const change = (input: EnrolmentInput) =>
    update.mutate({ programmeId: programme.id, input }, { onSuccess: () => notifySuccess(t('participants.enrolmentSaved', { code: programme.code })) });
  const source = t(`enrolmentSource.${enrolment.source}` as 'enrolmentSource.import', { defaultValue: enrolment.source });

  return (
    <Paper withBorder radius="md" p="sm" component="article" aria-label={programme.code}>
      <Group justify="space-between" align="flex-start" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/programs/${programme.id}/participants`} fw={600} ff="monospace" size="sm">
            {programme.code}
          </Anchor>
          <Text size="sm">{programme.name}</Text>
          <Text size="xs" c="dimmed">
            {t('participants.enrolledSince', { date: format.date(enrolment.createdAt), source })}
          </Text>
        </Stack>
        <Group gap="xs">
          {!canEdit && <EnrolmentStatusBadge status={enrolment.status} />}
          {enrolment.status !== 'withdrawn' && (
            <Button size="xs" variant="light" onClick={link.open}>
              {t('participantLink.open')}
            </Button>
          )}
        </Group>
      </Group>
      <ResponsiveModal opened={linkOpen} onClose={link.close} title={t('participantLink.title', { code: programme.code })} size="md">
        {linkOpen && <ParticipantLinkPanel programmeId={programme.id} personId={personId} name={name} />}
      </ResponsiveModal>
      {canEdit ? (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" mt="sm">
          <Select
            label={t('participants.fields.status')}
            data={ENROLMENT_STATUSES.map((value) => ({ value, label: t(`enrolmentStatus.${value}`) }))}
            allowDeselect={false}
            value={enrolment.status}
            onChange={(value) => value && change({ status: value as EnrolmentStatus })}
            disabled={update.isPending}
          />
          <YesNoSelect label={t('participants.fields.active')} value={toYesNo(enrolment.active)} onChange={(value) => change({ active: fromYesNo(value) })} disabled={update.isPending} />
          <YesNoSelect label={t('participants.fields.willing')} value={toYesNo(enrolment.willing)} onChange={(value) => change({ willing: fromYesNo(value) })} disabled={update.isPending} />
        </SimpleGrid>
      ) : (
        <Group gap="xs" mt="xs">
          <Badge variant="default" size="sm">
            {t('participants.fields.active')}: {yesNo(enrolment.active)}
          </Badge>
          <Badge variant="default" size="sm">
            {t('participants.fields.willing')}: {yesNo(enrolment.willing)}
          </Badge>
        </Group>
      )}
    </Paper>
  );
}

/** A participant: the owner, their business (one record nationally) and their enrolments. */
export default function ParticipantPage() {
  const { t } = useTranslation();
  const { personId = '' } = useParams();
  const [searchParams] = useSearchParams();
  const { can } = useCurrentUser();
  const [editing, edit] = useDisclosure(false);
  const query = useParticipant(personId);

  if (!can('participant.read')) return <Forbidden />;
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const participant = query.data;
  const from = participant.enrolments.find((e) => e.programme.id === searchParams.get('program'))?.programme;
  const anonymised = participant.person.anonymised;
  const name = anonymised ? t('personalData.erasedName') : participant.person.name;
  const canEdit = can('participant.write') && !anonymised;

  return (
    <>
      <Breadcrumbs mb="xs" separator="›" styles={{ root: { flexWrap: 'wrap' } }}>
        <Anchor component={Link} to="/programs" size="sm">
          {t('programmes.title')}
        </Anchor>
        {from && (
          <Anchor component={Link} to={`/programs/${from.id}/participants`} size="sm" ff="monospace">
            {from.code}
          </Anchor>
        )}
        <Text size="sm">{name}</Text>
      </Breadcrumbs>
      <PageHeader
        title={name}
        subtitle={anonymised ? undefined : participant.msme?.businessName}
        actions={
          canEdit && (
            <Button variant="light" onClick={edit.open}>
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Stack gap="lg">
        {anonymised && (
          <Alert color="gray" title={t('personalData.anonymisedTitle')}>
            {t('personalData.anonymisedMessage')}
          </Alert>
        )}
        <PersonSection participant={participant} />
        <section aria-labelledby="participant-enrolments">
          <Title order={3} size="h4" mb="sm" id="participant-enrolments">
            {t('participants.enrolments')}
          </Title>
          <Stack gap="sm">
            {participant.enrolments.map((enrolment) => (
              <EnrolmentCard key={enrolment.id} personId={participant.person.id} name={name} enrolment={enrolment} canEdit={canEdit} />
            ))}
          </Stack>
        </section>
        <ConsentSection participant={participant} />
        <PersonalDataActions participant={participant} />
      </Stack>
      <ResponsiveModal opened={editing} onClose={edit.close} title={t('participants.editTitle')}>
        <ParticipantForm
          mode="edit"
          participant={participant}
          onSaved={() => {
            notifySuccess(t('common.saved'));
            edit.close();
          }}
          onCancel={edit.close}
        />
      </ResponsiveModal>
    </>
  );
}
